package org.phonecontroller.lab.internal.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The XML provisioning files of Poly/Polycom, Snom and Grandstream phones, read as their firmware reads them
 * (sources in {@link ProvisioningFirmware}). Like {@link ProvisioningFiles}: settings or {@link RejectedFile}, no DTDs,
 * nothing else escapes.
 */
public final class VendorXmlFiles {
    /** Polycom's placeholder in {@code CONFIG_FILES} for the phone's MAC (lowercase, no colons). */
    static final String POLYCOM_MAC_PLACEHOLDER = "[PHONE_MAC_ADDRESS]";
    private static final int MAX_LINKS = 16;

    private VendorXmlFiles() {
    }

    /**
     * The parameters of a Polycom UC Software configuration file: every attribute of every element is one
     * parameter named by the attribute ({@code <reg reg.1.server.1.address="…"/>}); the element names do not matter.
     */
    public static Map<String, String> polycomCfg(String text) throws RejectedFile {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList all = ProvisioningFiles.root(text).getOwnerDocument().getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attr = (Attr) attributes.item(a);
                out.putIfAbsent(attr.getName(), attr.getValue());
            }
        }
        return out;
    }

    /**
     * The configuration files a Polycom master configuration file ({@code <MAC>.cfg} or {@code 000000000000.cfg})
     * names, in its order: the {@code CONFIG_FILES} attribute (comma-separated; a model's own
     * {@code CONFIG_FILES_<MODEL>}, e.g. {@code CONFIG_FILES_VVX450}, wins when present and not empty), with
     * {@code [PHONE_MAC_ADDRESS]} replaced by the MAC.
     *
     * @param model    the model as Polycom names it in master files, e.g. {@code VVX450}
     * @param plainMac lowercase, no colons
     * @throws RejectedFile when the file has no {@code CONFIG_FILES} at all: it is no master configuration file
     */
    public static List<String> polycomConfigFiles(String text, String model, String plainMac) throws RejectedFile {
        Map<String, String> attributes = polycomCfg(text);
        String list = attributes.getOrDefault("CONFIG_FILES_" + model, "").strip();
        if (list.isEmpty()) {
            if (!attributes.containsKey("CONFIG_FILES")) {
                throw new RejectedFile("no CONFIG_FILES attribute: not a master configuration file");
            }
            list = attributes.get("CONFIG_FILES");
        }
        List<String> files = new ArrayList<>();
        for (String f : list.split(",")) {
            String name = f.strip().replace(POLYCOM_MAC_PLACEHOLDER, plainMac);
            if (!name.isEmpty() && files.size() < MAX_LINKS) {
                files.add(name);
            }
        }
        return files;
    }

    /**
     * A Snom XML settings file: the settings under {@code <phone-settings>} (an indexed setting such as
     * {@code <user_host idx="1">} is named as the phone's web interface names it, {@code user_host1}) and the
     * further files its {@code <setting-files><file url="…"/>} names, in order. The root is {@code <settings>} or
     * {@code <setting-files>}.
     */
    public record SnomFile(Map<String, String> settings, List<String> settingFiles) {
        public SnomFile {
            settings = Map.copyOf(settings);
            settingFiles = List.copyOf(settingFiles);
        }
    }

    public static SnomFile snom(String text) throws RejectedFile {
        Element root = ProvisioningFiles.root(text);
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        if (root.getTagName().equals("setting-files")) {
            settingFiles(root, files);
        } else if (root.getTagName().equals("settings")) {
            for (Element section : children(root)) {
                if (section.getTagName().equals("phone-settings")) {
                    for (Element setting : children(section)) {
                        String idx = setting.getAttribute("idx").strip();
                        settings.put(setting.getTagName() + idx, setting.getTextContent().strip());
                    }
                } else if (section.getTagName().equals("setting-files")) {
                    settingFiles(section, files);
                }
            }
        } else {
            throw new RejectedFile("root <" + root.getTagName() + "> is neither <settings> nor <setting-files>");
        }
        return new SnomFile(settings, files);
    }

    /**
     * A Grandstream XML configuration file: {@code <gs_provision><config>} holding P-values ({@code <P47>…</P47>})
     * or, in {@code config version="2"}, named items ({@code <item name="…">}). The optional {@code <mac>} header
     * must be the phone's MAC ("should be the device MAC or needs to be removed completely").
     *
     * @param plainMac the phone's MAC (lowercase, no colons), or null to skip the header check
     */
    public static Map<String, String> grandstream(String text, String plainMac) throws RejectedFile {
        Element root = ProvisioningFiles.root(text);
        if (!root.getTagName().equals("gs_provision")) {
            throw new RejectedFile("root <" + root.getTagName() + "> is not <gs_provision>");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Element section : children(root)) {
            if (section.getTagName().equals("mac") && plainMac != null) {
                String mac = section.getTextContent().strip().replace(":", "").toLowerCase(Locale.ROOT);
                if (!mac.isEmpty() && !mac.equals(plainMac)) {
                    throw new RejectedFile("its <mac> header " + mac + " is not this phone's " + plainMac);
                }
            } else if (section.getTagName().equals("config")) {
                for (Element p : children(section)) {
                    Optional<String> name = p.getTagName().equals("item")
                            ? Optional.of(p.getAttribute("name").strip()).filter(n -> !n.isEmpty())
                            : Optional.of(p.getTagName());
                    name.ifPresent(n -> out.put(n, p.getTextContent().strip()));
                }
            }
        }
        return out;
    }

    private static void settingFiles(Element parent, List<String> files) {
        for (Element f : children(parent)) {
            String url = f.getAttribute("url").strip();
            if (f.getTagName().equals("file") && !url.isEmpty() && files.size() < MAX_LINKS) {
                files.add(url);
            }
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                out.add(child);
            }
        }
        return out;
    }
}
