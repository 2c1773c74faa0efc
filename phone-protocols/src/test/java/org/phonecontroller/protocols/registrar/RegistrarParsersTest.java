package org.phonecontroller.protocols.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.FailureReason;

class RegistrarParsersTest {

    /** The shape of Kamailio 5.6's ul.dump over jsonrpcs (usrloc ul_rpc.c), trimmed to one domain. */
    static final String UL_DUMP = """
            {"jsonrpc":"2.0","result":{"Domains":[{"Domain":{"Domain":"location","Size":1024,"AoRs":[
              {"Info":{"AoR":"100","HashID":1,"Contacts":[
                {"Contact":{"Address":"sip:100@10.1.0.5:5060;transport=udp","Expires":3590,"Q":-1,
                  "Call-ID":"a","CSeq":2,"User-Agent":"Yealink SIP-T46U","Received":"[not set]","Path":"[not set]",
                  "State":"CS_NEW","Flags":0,"Last-Modified":1700000000}},
                {"Contact":{"Address":"sip:100@192.168.0.9:5060","Expires":"expired","User-Agent":"gone"}}]}},
              {"Info":{"AoR":"101","Contacts":[
                {"Contact":{"Address":"sip:101@phone.local:5060","Expires":"permanent","User-Agent":"Snom",
                  "Received":"sip:10.1.0.6:40000"}},
                {"Contact":{"Address":"sip:101@[2001:db8::6]:5060","Expires":60,"User-Agent":"v6"}}]}}],
              "Stats":{"Records":2,"Contacts":4}}}]},"id":1}
            """;

    @Test
    void readsLiveKamailioContactsWithAddressAndReceived() throws Exception {
        RegistrarDump dump = KamailioUlDump.parse(UL_DUMP, 100);
        assertThat(dump.contacts()).extracting(RegistrarContact::userAgent).containsExactly("Yealink SIP-T46U",
                "Snom", "v6");
        assertThat(dump.registeredAddresses()).containsExactlyInAnyOrder("10.1.0.5", "10.1.0.6", "2001:db8:0:0:0:0:0:6");
    }

    @Test
    void anEmptyLocationTableIsKnownAndEmpty() throws Exception {
        assertThat(KamailioUlDump.parse("{\"jsonrpc\":\"2.0\",\"result\":{\"Domains\":[{\"Domain\":{\"Domain\":"
                + "\"location\",\"AoRs\":[]}}]},\"id\":1}", 10).contacts()).isEmpty();
    }

    @Test
    void aJsonRpcErrorIsAnErrorAndJunkIsMalformed() {
        assertThatThrownBy(() -> KamailioUlDump.parse("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,"
                + "\"message\":\"Method Not Found\"},\"id\":1}", 10))
                .isInstanceOfSatisfying(RegistrarException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.ERROR_REPLY));
        assertThatThrownBy(() -> KamailioUlDump.parse("{\"result\":{}}", 10)).isInstanceOf(MalformedRegistrarReply.class);
        assertThatThrownBy(() -> KamailioUlDump.parse("<html>", 10)).isInstanceOf(MalformedRegistrarReply.class);
    }

    @Test
    void refusesMoreContactsThanTheLimit() {
        assertThatThrownBy(() -> KamailioUlDump.parse(UL_DUMP, 2)).isInstanceOf(MalformedRegistrarReply.class);
    }

    @Test
    void takesTheHostOfSipUrisWithoutResolvingNames() {
        assertThat(SipUriHosts.ipOf("<sip:100@10.1.0.5:5060;transport=tcp>")).contains("10.1.0.5");
        assertThat(SipUriHosts.ipOf("sips:10.1.0.5")).contains("10.1.0.5");
        assertThat(SipUriHosts.ipOf("sip:[2001:db8::5]:5060")).contains("2001:db8:0:0:0:0:0:5");
        assertThat(SipUriHosts.ipOf("sip:100@pbx.example.com")).isEmpty();
        assertThat(SipUriHosts.ipOf("sip:100@999.1.1.1")).isEmpty();
        assertThat(SipUriHosts.ipOf("[not set]")).isEmpty();
    }

    @Test
    void collectsAmiContactListEventsOfItsOwnActionUntilComplete() throws Exception {
        String transcript = "Response: Success\r\nActionID: x\r\nEventList: start\r\n\r\n"
                + "Event: ContactList\r\nActionID: other\r\nUri: sip:1@10.9.9.9\r\n\r\n"
                + "Event: ContactList\r\nActionID: x\r\nEndpoint: 300\r\nUri: sip:300@10.1.0.7:5060\r\n"
                + "ViaAddr: 10.1.0.8\r\nUserAgent: Poly\r\nExpirationTime: 0\r\n\r\n"
                + "Event: ContactListComplete\r\nActionID: x\r\nEventList: Complete\r\nListItems: 1\r\n\r\n";
        RegistrarDump dump = AmiContacts.collect(new AmiMessages(new ByteArrayInputStream(
                transcript.getBytes(StandardCharsets.UTF_8)), 1 << 20), "x", Instant.EPOCH, 10);
        assertThat(dump.registeredAddresses()).containsExactlyInAnyOrder("10.1.0.7", "10.1.0.8");
    }

    @Test
    void anAmiAnswerCutShortIsMalformed() {
        String transcript = "Response: Success\r\nActionID: x\r\n\r\nEvent: ContactList\r\nActionID: x\r\n";
        assertThatThrownBy(() -> AmiContacts.collect(new AmiMessages(new ByteArrayInputStream(
                transcript.getBytes(StandardCharsets.UTF_8)), 1 << 20), "x", Instant.EPOCH, 10))
                .isInstanceOf(MalformedRegistrarReply.class);
    }
}
