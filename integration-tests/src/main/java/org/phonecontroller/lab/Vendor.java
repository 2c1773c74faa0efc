package org.phonecontroller.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of phone the lab simulates, with what each one speaks and how it introduces itself.
 * The names are the {@code vendor} values of lab.yaml.
 */
public enum Vendor {
    POLYCOM_REST("polycom-rest", "PolycomVVX-VVX_450-UA/6.4.3.5018", "00:04:f2", false, true, BusyPolicy.REFUSE),
    SNOM("snom", "snom D785/10.1.73.16", "00:04:13", false, true, BusyPolicy.DEFER),
    GRANDSTREAM("grandstream", "Grandstream GXP2170 1.0.11.23", "00:0b:82", false, true, BusyPolicy.DEFER),
    SNMP_CISCO_SIP_UA("snmp-cisco-sip-ua", "Cisco-ATA191/12.0.1", "00:1b:d4", true, false, BusyPolicy.DEFER),
    SNMP_SIP_UA("snmp-sip-ua", "Generic-SIP-UA/4780 2.1.0", "00:1a:2b", true, false, BusyPolicy.DEFER),
    YEALINK("yealink", "Yealink SIP-T54W 96.86.0.70", "80:5e:c0", false, false, BusyPolicy.DEFER),
    /** Cisco IP Phone 8800 multiplatform firmware (MPP/3PCC): only takes provisioning (lab.yaml {@code provisioning}). */
    CISCO_MPP("cisco-mpp", "Cisco-CP8841-3PCC/11.3.7", "00:56:2b", false, false, BusyPolicy.DEFER),
    /** Fanvil X series: only takes provisioning (lab.yaml {@code provisioning}). */
    FANVIL("fanvil", "Fanvil X4U 2.12.8.24", "0c:38:3e", false, false, BusyPolicy.DEFER);

    private final String configName;
    private final String userAgent;
    private final String oui;
    private final boolean speaksSnmp;
    private final boolean speaksHttp;
    private final BusyPolicy defaultBusyPolicy;

    Vendor(String configName, String userAgent, String oui, boolean speaksSnmp, boolean speaksHttp,
           BusyPolicy defaultBusyPolicy) {
        this.configName = configName;
        this.userAgent = userAgent;
        this.oui = oui;
        this.speaksSnmp = speaksSnmp;
        this.speaksHttp = speaksHttp;
        this.defaultBusyPolicy = defaultBusyPolicy;
    }

    /** The lab.yaml name, e.g. {@code polycom-rest}. */
    public String configName() {
        return configName;
    }

    /** The SIP {@code User-Agent} the phone sends and answers OPTIONS with. */
    public String userAgent() {
        return userAgent;
    }

    /** The first three octets of the MAC addresses of this vendor's phones. */
    public String oui() {
        return oui;
    }

    /** Whether phones of this vendor run an SNMP agent. */
    public boolean speaksSnmp() {
        return speaksSnmp;
    }

    /** Whether phones of this vendor offer a vendor HTTP API. */
    public boolean speaksHttp() {
        return speaksHttp;
    }

    /** What a phone of this vendor does with a reconfiguration while in a call, unless lab.yaml says otherwise. */
    public BusyPolicy defaultBusyPolicy() {
        return defaultBusyPolicy;
    }

    public static Optional<Vendor> byConfigName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.configName.equals(n)).findFirst();
    }

    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(Vendor::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
