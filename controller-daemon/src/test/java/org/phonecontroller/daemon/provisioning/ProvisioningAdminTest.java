package org.phonecontroller.daemon.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvisioningAdminTest {

    @Test
    void previewsMaskEveryVendorsPasswordsAndKeepTheServers() {
        assertThat(ProvisioningAdmin.masked("account.1.password = hunter2\naccount.1.sip_server.1.address = pbx\n"
                + "account.1.user_name = 201\n"))
                .isEqualTo("account.1.password = ***\naccount.1.sip_server.1.address = pbx\n"
                        + "account.1.user_name = 201\n");
        assertThat(ProvisioningAdmin.masked("<flat-profile><Password_1_ ua=\"na\">hunter2</Password_1_>"
                + "<Proxy_1_>pbx</Proxy_1_></flat-profile>"))
                .isEqualTo("<flat-profile><Password_1_ ua=\"na\">***</Password_1_><Proxy_1_>pbx</Proxy_1_>"
                        + "</flat-profile>");
        assertThat(ProvisioningAdmin.masked("<reg reg.1.auth.password=\"hunter2\" reg.1.server.1.address=\"pbx\"/>"))
                .isEqualTo("<reg reg.1.auth.password=\"***\" reg.1.server.1.address=\"pbx\"/>");
        assertThat(ProvisioningAdmin.masked("<line index=\"1\"><PassWord>hunter2</PassWord></line>"))
                .doesNotContain("hunter2");
    }
}
