package org.phonecontroller.lab.internal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.lab.Vendor;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.sip.HeaderValues;

/**
 * What a provisioning-driven phone's firmware does, per vendor: which files it fetches with which HTTP
 * User-Agent, how it reads them, which setting holds server 1 and 2 of line 1, and what each SIP NOTIFY event makes
 * it do. Vendor knowledge as data; {@link ProvisionedPhones} is the one behaviour for all of them.
 *
 * <p>Sources (see /work/shared/REFERENCES.md, "Provisioning-driven phones"):
 * <ul>
 *   <li>Yealink: Yealink T4x/T5x administrator and auto-provisioning guides — files {@code y0000000000xx.cfg}
 *       (common, per model/firmware family) then {@code <mac>.cfg} (lowercase, no colons), CFG format with
 *       {@code #!version:1.0.0.1}; {@code account.N.sip_server.M.address/.port/.transport_type};
 *       {@code sip.notify_reboot_enable} (default 1: "the IP phone will be forced to reboot"; 0: "reboot only if
 *       the SIP NOTIFY message contains an additional string reboot=true", otherwise only auto provisioning;
 *       2: "ignore the SIP NOTIFY message"); HTTP User-Agent {@code Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72};
 *       wazo-provd-plugins {@code wazo_yealink} templates set {@code sip.notify_reboot_enable = 0}.</li>
 *   <li>Cisco MPP/3PCC: Cisco IP Phone 7800/8800 Multiplatform administration guide — {@code Profile_Rule}
 *       {@code $MA.xml}, flat-profile XML {@code <Proxy_1_>} (HOST[:PORT]), {@code <Alternate_Proxy_1_>};
 *       {@code NOTIFY Event: resync} (Resync_From_SIP, default yes) resyncs, and only once no line is active;
 *       {@code Event: reboot} reboots; {@code Auth_Resync-Reboot} (default Yes) digest-authenticates those NOTIFYs
       with the line's credentials; HTTP User-Agent {@code Cisco-CP-8841-3PCC/11.0 (00562b043615)}.</li>
 *   <li>Fanvil: wazo-provd-plugins {@code wazo_fanvil} templates — {@code <mac>.cfg} XML {@code <sysConf><sip>
 *       <NotifyReboot>} and {@code <line index="1"><RegisterAddr>/<RegisterPort>/<BackupAddr>/<BackupPort>};
 *       {@code check-sync} reboots unless {@code <NotifyReboot>0}. The HTTP User-Agent form (model, firmware,
 *       MAC) is assumed like the SIP one; no Fanvil document in REFERENCES.md states it.</li>
 *   <li>Poly/Polycom UC Software: Polycom UC Software administrator guide (provisioning: master configuration
 *       file) and wazo-provd-plugins {@code wazo_polycom} — the phone fetches {@code <MAC>.cfg} (lowercase), and
 *       {@code 000000000000.cfg} when that is not found; the master file's {@code <APPLICATION CONFIG_FILES="…">}
 *       (a model's {@code CONFIG_FILES_<MODEL>} wins) lists the configuration files, {@code [PHONE_MAC_ADDRESS]}
 *       replaced, read left to right with the first file naming a parameter winning; parameters are XML
 *       attributes on any element ({@code reg.1.server.1.address}, {@code .port}, {@code reg.1.server.2.…});
 *       {@code NOTIFY Event: check-sync} re-reads the files; {@code voIpProt.SIP.specialEvent.checkSync.alwaysReboot}
 *       {@code 1} reboots every time, {@code 0} (default) reboots only when a change needs it (a server change
 *       does not: the phone re-registers); HTTP User-Agent {@code FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430
 *       Type/Application} (wazo_polycom's list of seen User-Agents; the MAC is in the path only).</li>
 *   <li>Snom D7xx: service.snom.com wiki (XML provisioning, {@code setting_server}, "How to trigger the phone to
 *       reset or synchronize its settings via provisioning", {@code checksync_action}) and wazo-provd-plugins
 *       {@code wazo_snom} — the phone fetches {@code snom<model>-<MAC>.htm} (MAC uppercase), whose
 *       {@code <setting-files><file url="…"/>} name further files ({@code <MAC>.xml}); settings are
 *       {@code <settings><phone-settings>} elements, indexed by {@code idx} ({@code <user_host idx="1">HOST:PORT}
 *       is identity 1's registrar, {@code user_host1}); {@code NOTIFY Event: check-sync;reboot=false} re-reads the
 *       settings without a reboot, {@code check-sync} and {@code check-sync;reboot=true} reboot
 *       ({@code checksync_action}, which overrides this, only exists from firmware 10.1.180; the lab's Snom runs
 *       10.1.73.16); HTTP User-Agent {@code Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5
 *       000413922D24 SXM:0 UXM:0)} (wazo_snom's list of seen User-Agents).</li>
 *   <li>Grandstream GXP: Grandstream SIP Device Provisioning Guide and wazo-provd-plugins {@code wazo_grandstream}
 *       — the phone fetches the binary {@code cfg<mac>}, then {@code cfg<mac>.xml} (lowercase); when that download
 *       fails {@code cfg<model>.xml}, then the generic {@code cfg.xml}; XML {@code <gs_provision><config>} with
 *       P-values, {@code P47} account 1's SIP server (HOST[:PORT]), {@code P2312} its secondary (the profile's
 *       slots); a {@code <mac>} header must be the phone's MAC; {@code NOTIFY Event: check-sync} (wazo_grandstream's
 *       synchronize) makes it provision again, without a reboot; HTTP User-Agent {@code Grandstream Model HW
 *       GXP1628 SW 1.0.4.138 DevId c074ad2bd859}.</li>
 * </ul>
 */
public enum ProvisioningFirmware {
    YEALINK(Format.KEY_VALUE, List.of(new Slot("account.1.sip_server.1.address", "account.1.sip_server.1.port"),
            new Slot("account.1.sip_server.2.address", "account.1.sip_server.2.port")),
            "check-sync", "sip.notify_reboot_enable", false),
    CISCO_MPP(Format.XML, List.of(new Slot("Proxy_1_", null), new Slot("Alternate_Proxy_1_", null)),
            "resync", null, true),
    FANVIL(Format.XML, List.of(new Slot("line.1.RegisterAddr", "line.1.RegisterPort"),
            new Slot("line.1.BackupAddr", "line.1.BackupPort")),
            "check-sync", "NotifyReboot", false),
    POLYCOM(Format.POLYCOM_CFG, List.of(new Slot("reg.1.server.1.address", "reg.1.server.1.port"),
            new Slot("reg.1.server.2.address", "reg.1.server.2.port")),
            "check-sync", "voIpProt.SIP.specialEvent.checkSync.alwaysReboot", false),
    SNOM(Format.SNOM_XML, List.of(new Slot("user_host1", null)), "check-sync;reboot=false", null, false),
    GRANDSTREAM(Format.GRANDSTREAM_XML, List.of(new Slot("P47", null), new Slot("P2312", null)),
            "check-sync", null, false);

    /** How the firmware reads its files. */
    public enum Format { KEY_VALUE, XML, POLYCOM_CFG, SNOM_XML, GRANDSTREAM_XML }

    /** The settings holding one server slot's address and (optionally, else in the address) port. */
    public record Slot(String addressKey, String portKey) {
    }

    /** What a NOTIFY makes the phone do (after answering it). */
    public enum NotifyAction {
        /** Not an event this firmware knows: 489 Bad Event. */
        REJECT,
        /** Answered 200 and otherwise ignored (Yealink {@code sip.notify_reboot_enable = 2}). */
        IGNORE,
        /** Fetch the files again and apply them without rebooting. */
        RESYNC,
        /** Reboot: drop registration and calls, then boot (fetch, register). */
        REBOOT
    }

    private final Format format;
    private final List<Slot> slots;
    private final String resyncEvent;
    private final String notifyRebootKey;
    private final boolean resyncWaitsForIdle;

    ProvisioningFirmware(Format format, List<Slot> slots, String resyncEvent, String notifyRebootKey,
                         boolean resyncWaitsForIdle) {
        this.format = format;
        this.slots = slots;
        this.resyncEvent = resyncEvent;
        this.notifyRebootKey = notifyRebootKey;
        this.resyncWaitsForIdle = resyncWaitsForIdle;
    }

    /** The firmware of a lab vendor, if its phones can be provisioning-driven. */
    public static Optional<ProvisioningFirmware> of(Vendor vendor) {
        return switch (vendor) {
            case YEALINK -> Optional.of(YEALINK);
            case CISCO_MPP -> Optional.of(CISCO_MPP);
            case FANVIL -> Optional.of(FANVIL);
            case POLYCOM_REST -> Optional.of(POLYCOM);
            case SNOM -> Optional.of(SNOM);
            case GRANDSTREAM -> Optional.of(GRANDSTREAM);
            default -> Optional.empty();
        };
    }

    /** Whether a resync asked for during a call waits until the call ends (Cisco). */
    public boolean resyncWaitsForIdle() {
        return resyncWaitsForIdle;
    }

    /** The NOTIFY event the vendor documents for fetching again (without a reboot where the vendor has one). */
    public String resyncEvent() {
        return resyncEvent;
    }

    /**
     * The files the phone asks for first at every sync, in order (Polycom, Snom and Grandstream go on with the files
     * these name or with fallbacks: {@link #plan}).
     *
     * @param sipUserAgent the phone's SIP User-Agent, e.g. {@code Yealink SIP-T54W 96.86.0.70}
     * @param mac          {@code 80:5e:c0:14:10:01}
     */
    public List<String> fileNames(String sipUserAgent, String mac) {
        String plainMac = mac.replace(":", "").toLowerCase(Locale.ROOT);
        return switch (this) {
            case YEALINK -> List.of(yealinkCommonFile(sipUserAgent), plainMac + ".cfg");
            case CISCO_MPP -> List.of(plainMac + ".xml");
            case FANVIL -> List.of(plainMac + ".cfg");
            case POLYCOM -> List.of(plainMac + ".cfg");
            case SNOM -> List.of("snom" + snomModel(sipUserAgent) + "-" + plainMac.toUpperCase(Locale.ROOT) + ".htm");
            case GRANDSTREAM -> List.of("cfg" + plainMac, "cfg" + plainMac + ".xml");
        };
    }

    /** A new walk through the phone's files for one sync. */
    SyncPlan plan(String sipUserAgent, String mac) {
        String plainMac = mac.replace(":", "").toLowerCase(Locale.ROOT);
        return switch (this) {
            case YEALINK, CISCO_MPP, FANVIL -> new SyncPlan.FixedFiles(this, fileNames(sipUserAgent, mac));
            // "PolycomVVX-VVX_450-UA/…" -> VVX450, as master files name models (CONFIG_FILES_VVX450)
            case POLYCOM -> new SyncPlan.PolycomFiles(plainMac,
                    sipUserAgent.replaceFirst("^Polycom[A-Za-z]*-([A-Za-z0-9_]+)-UA/.*$", "$1").replace("_", ""));
            case SNOM -> new SyncPlan.SnomFiles(fileNames(sipUserAgent, mac));
            // "Grandstream GXP2170 1.0.11.23" -> cfggxp2170.xml
            case GRANDSTREAM -> new SyncPlan.GrandstreamFiles(plainMac,
                    field(sipUserAgent, 1).toLowerCase(Locale.ROOT));
        };
    }

    /** The HTTP User-Agent of the phone's fetches: model, firmware and MAC, in the vendor's form. */
    public String httpUserAgent(String sipUserAgent, String mac) {
        String plainMac = mac.replace(":", "").toLowerCase(Locale.ROOT);
        return switch (this) {
            case YEALINK -> sipUserAgent + " " + mac.toLowerCase(Locale.ROOT);
            // SIP "Cisco-CP8841-3PCC/11.3.7" -> HTTP "Cisco-CP-8841-3PCC/11.3.7 (00562b043615)"
            case CISCO_MPP -> sipUserAgent.replaceFirst("^Cisco-CP(\\d)", "Cisco-CP-$1") + " (" + plainMac + ")";
            case FANVIL -> sipUserAgent + " " + plainMac;
            case POLYCOM -> "FileTransport " + sipUserAgent + " Type/Application";
            // SIP "snom D785/10.1.73.16" -> HTTP "Mozilla/4.0 (compatible; snomD785-SIP 10.1.73.16 … 000413…)"
            case SNOM -> "Mozilla/4.0 (compatible; snom" + snomModel(sipUserAgent) + "-SIP "
                    + sipUserAgent.substring(sipUserAgent.indexOf('/') + 1) + " 2010.12-00004-g9ba52f5 "
                    + plainMac.toUpperCase(Locale.ROOT) + " SXM:0 UXM:0)";
            // SIP "Grandstream GXP2170 1.0.11.23" -> HTTP "Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b82…"
            case GRANDSTREAM -> "Grandstream Model HW " + field(sipUserAgent, 1) + " SW " + field(sipUserAgent, 2)
                    + " DevId " + plainMac;
        };
    }

    /** Reads one fetched file into settings. */
    public Map<String, String> parse(String text) throws RejectedFile {
        return switch (format) {
            case KEY_VALUE -> ProvisioningFiles.yealinkCfg(text);
            case XML -> ProvisioningFiles.xml(text);
            case POLYCOM_CFG -> VendorXmlFiles.polycomCfg(text);
            case SNOM_XML -> VendorXmlFiles.snom(text).settings();
            case GRANDSTREAM_XML -> VendorXmlFiles.grandstream(text, null);
        };
    }

    /**
     * Server 1 and 2 of line 1 in the settings. A slot without an address, or whose address is no IPv4 literal in
     * 127.0.0.0/8, is skipped: lab phones never send outside loopback (and never resolve names).
     */
    public List<ServerAddress> servers(Map<String, String> settings) {
        List<ServerAddress> out = new ArrayList<>();
        for (Slot slot : slots) {
            String address = settings.getOrDefault(slot.addressKey(), "").strip();
            if (address.isEmpty()) {
                continue;
            }
            try {
                ServerAddress parsed = ServerAddress.parse(address);
                int port = parsed.port();
                String portText = slot.portKey() == null ? "" : settings.getOrDefault(slot.portKey(), "").strip();
                if (portText.matches("\\d{1,5}") && Integer.parseInt(portText) >= 1
                        && Integer.parseInt(portText) <= 65535) {
                    port = Integer.parseInt(portText);
                }
                if (isLoopbackLiteral(parsed.host())) {
                    out.add(new ServerAddress(parsed.host(), port));
                }
            } catch (IllegalArgumentException e) {
                // not a server address: the firmware would fail to register there; the lab skips the slot
            }
        }
        return out;
    }

    /** What an incoming NOTIFY with this {@code Event} header makes the phone do, given its current settings. */
    public NotifyAction onNotify(String eventHeader, Map<String, String> settings) {
        String event = HeaderValues.firstToken(eventHeader).toLowerCase(Locale.ROOT);
        boolean rebootParam = HeaderValues.parameter(eventHeader, "reboot")
                .map(v -> v.equalsIgnoreCase("true")).orElse(false);
        if (this == CISCO_MPP) {
            return switch (event) {
                case "resync" -> NotifyAction.RESYNC;
                case "reboot" -> NotifyAction.REBOOT;
                default -> NotifyAction.REJECT;
            };
        }
        if (!event.equals("check-sync")) {
            return NotifyAction.REJECT;
        }
        switch (this) {
            case POLYCOM -> {
                return settings.getOrDefault(notifyRebootKey, "0").strip().equals("1") ? NotifyAction.REBOOT
                        : NotifyAction.RESYNC;
            }
            case SNOM -> {
                boolean noReboot = HeaderValues.parameter(eventHeader, "reboot")
                        .map(v -> v.equalsIgnoreCase("false")).orElse(false);
                return noReboot ? NotifyAction.RESYNC : NotifyAction.REBOOT;
            }
            case GRANDSTREAM -> {
                return NotifyAction.RESYNC;
            }
            default -> {
                // Yealink and Fanvil below
            }
        }
        String setting = settings.getOrDefault(notifyRebootKey, "1").strip();
        return switch (setting) {
            case "0" -> rebootParam ? NotifyAction.REBOOT : NotifyAction.RESYNC;
            case "2" -> this == YEALINK ? NotifyAction.IGNORE : NotifyAction.REBOOT;
            default -> NotifyAction.REBOOT;
        };
    }

    /** The line credentials a resync/reboot NOTIFY must be digest-authenticated with. */
    public record NotifyCredentials(String user, String password) {
        @Override
        public String toString() {
            return "NotifyCredentials[" + user + ", ***]";
        }
    }

    /**
     * Cisco only: {@code Auth_Resync-Reboot} (default Yes) makes the phone challenge a resync/reboot NOTIFY with
     * the credentials of line 1 ({@code Auth_ID_1_} if set, else {@code User_ID_1_}, and {@code Password_1_}); a
     * phone provisioned without a password has nothing to check and accepts. Empty for the other vendors.
     */
    public Optional<NotifyCredentials> notifyCredentials(Map<String, String> settings) {
        if (this != CISCO_MPP || settings.getOrDefault("Auth_Resync-Reboot", "Yes").strip().equalsIgnoreCase("No")) {
            return Optional.empty();
        }
        String password = settings.getOrDefault("Password_1_", "");
        String authId = settings.getOrDefault("Auth_ID_1_", "").strip();
        String user = authId.isEmpty() ? settings.getOrDefault("User_ID_1_", "").strip() : authId;
        return password.isEmpty() || user.isEmpty() ? Optional.empty()
                : Optional.of(new NotifyCredentials(user, password));
    }

    /** Whether a plain resync NOTIFY reboots the phone with these settings (for the control API). */
    public boolean rebootsOnResync(Map<String, String> settings) {
        return onNotify(resyncEvent, settings) == NotifyAction.REBOOT;
    }

    /** "snom D785/10.1.73.16" -> D785. */
    private static String snomModel(String sipUserAgent) {
        String model = sipUserAgent.replaceFirst("^snom\\s*([A-Za-z0-9]+).*$", "$1");
        return model.matches("[A-Za-z0-9]+") ? model : "unknown";
    }

    /** The {@code n}th space-separated field of a User-Agent, "unknown" when there is none. */
    private static String field(String userAgent, int n) {
        String[] parts = userAgent.strip().split("\\s+");
        return parts.length > n ? parts[n] : "unknown";
    }

    /** Yealink's common file: {@code y} + the firmware family (first firmware field) in 12 digits. */
    static String yealinkCommonFile(String sipUserAgent) {
        String[] parts = sipUserAgent.split(" ");
        String family = parts.length >= 3 ? parts[2].split("\\.")[0] : "0";
        if (!family.matches("\\d{1,12}")) {
            family = "0";
        }
        return "y" + "0".repeat(12 - family.length()) + family + ".cfg";
    }

    private static boolean isLoopbackLiteral(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String o : octets) {
            if (!o.matches("\\d{1,3}") || Integer.parseInt(o) > 255) {
                return false;
            }
        }
        return true;
    }
}
