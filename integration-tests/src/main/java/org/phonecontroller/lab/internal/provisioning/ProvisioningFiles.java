package org.phonecontroller.lab.internal.provisioning;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads provisioning files into flat settings, as the phones' firmware does. Two forms:
 * <ul>
 *   <li>Yealink CFG: first line {@code #!version:1.0.0.1} (a file without it is ignored by the phone), then
 *       {@code key = value} lines; {@code #} starts a comment; {@code %NULL%} is an empty value; a line that is not
 *       {@code key = value} is skipped (Yealink auto-provisioning guide, "CFG template file format").</li>
 *   <li>XML (Cisco MPP flat profile {@code <flat-profile><Proxy_1_ ua="na">…}, Fanvil {@code <sysConf><sip>
 *       <line index="1"><RegisterAddr>…}): every element without child elements is a setting named by the
 *       element; inside an element with an {@code index} attribute the name is prefixed with
 *       {@code <element>.<index>.} (Fanvil: {@code line.1.RegisterAddr}). DTDs are refused.</li>
 * </ul>
 * Whatever the bytes, the result is settings or {@link RejectedFile}; nothing else escapes.
 */
public final class ProvisioningFiles {
    /** Larger files are refused (real provisioning files are a few KiB). */
    public static final int MAX_FILE_BYTES = 1 << 20;
    private static final String YEALINK_HEADER = "#!version:1.0.0.1";
    /** Errors become the exception we report; nothing is printed to stderr. */
    private static final org.xml.sax.ErrorHandler QUIET = new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private ProvisioningFiles() {
    }

    /** The settings of a Yealink CFG file. */
    public static Map<String, String> yealinkCfg(String text) throws RejectedFile {
        checkSize(text);
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstEnd = t.indexOf('\n');
        String first = (firstEnd < 0 ? t : t.substring(0, firstEnd)).strip();
        if (!first.equals(YEALINK_HEADER)) {
            throw new RejectedFile("first line is not " + YEALINK_HEADER);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : t.split("\r?\n|\r")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (key.isEmpty() || key.contains(" ")) {
                continue;
            }
            out.put(key, value.equals("%NULL%") ? "" : value);
        }
        return out;
    }

    /** The settings of an XML provisioning file (Cisco MPP flat profile, Fanvil). */
    public static Map<String, String> xml(String text) throws RejectedFile {
        Map<String, String> out = new LinkedHashMap<>();
        collect(root(text), "", out, 0);
        return out;
    }

    /** The root element of a well-formed XML file without a DTD, read as the phones' firmware reads it. */
    static Element root(String text) throws RejectedFile {
        checkSize(text);
        Element root;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            root = builder.parse(new InputSource(new StringReader(text))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new RejectedFile("not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        }
        if (root == null) {
            throw new RejectedFile("no root element");
        }
        return root;
    }

    private static void collect(Element e, String prefix, Map<String, String> out, int depth) {
        if (depth > 32) {
            return;
        }
        boolean hasChildElements = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                if (!hasChildElements && e.hasAttribute("index") && depth > 0) {
                    prefix = prefix + e.getTagName() + "." + e.getAttribute("index").strip() + ".";
                }
                hasChildElements = true;
                collect(child, prefix, out, depth + 1);
            }
        }
        if (!hasChildElements && depth > 0) {
            out.put(prefix + e.getTagName(), e.getTextContent().strip());
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static void checkSize(String text) throws RejectedFile {
        if (text.length() > MAX_FILE_BYTES) {
            throw new RejectedFile("larger than " + MAX_FILE_BYTES + " bytes");
        }
    }
}
