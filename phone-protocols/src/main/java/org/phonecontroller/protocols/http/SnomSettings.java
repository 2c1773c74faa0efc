package org.phonecontroller.protocols.http;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a Snom phone's settings, as {@code /settings.xml} publishes them
 * ({@code <settings><phone-settings><user_host idx="1" perm="">pbx</user_host>...}) or as the plain-text dump
 * ({@code user_host1!: pbx}). Indexed settings become {@code name + idx} ({@code user_host1}). DTDs and external
 * entities are refused; anything that is not such a document is a {@link MalformedReplyException}.
 */
final class SnomSettings {

    private static final Pattern TEXT_LINE = Pattern.compile("^([A-Za-z0-9_]+)[!$&]?:\\s?(.*)$");
    private static final int MAX_SETTINGS = 20_000;

    private SnomSettings() {
    }

    static Map<String, String> parse(String body) {
        String trimmed = body == null ? "" : body.strip();
        if (trimmed.startsWith("<")) {
            return xml(trimmed);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : trimmed.split("\\R")) {
            Matcher m = TEXT_LINE.matcher(line.strip());
            if (m.matches()) {
                settings.putIfAbsent(m.group(1), m.group(2).strip());
            }
        }
        if (settings.isEmpty()) {
            throw new MalformedReplyException("not Snom settings: " + MalformedReplyException.excerpt(body));
        }
        return settings;
    }

    private static Map<String, String> xml(String body) {
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = factory.newSAXParser();
            boolean[] sawSettings = {false};
            parser.parse(new InputSource(new StringReader(body)), new DefaultHandler() {
                private final StringBuilder text = new StringBuilder();
                private String key;
                private int depth;

                @Override
                public void startElement(String uri, String local, String qName, Attributes attributes) {
                    depth++;
                    if (qName.equals("phone-settings") || qName.equals("settings")) {
                        sawSettings[0] = true;
                    }
                    String idx = attributes.getValue("idx");
                    key = depth >= 2 ? qName + (idx == null ? "" : idx) : null;
                    text.setLength(0);
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (key != null && text.length() < 4096) {
                        text.append(ch, start, Math.min(length, 4096 - text.length()));
                    }
                }

                @Override
                public void endElement(String uri, String local, String qName) {
                    if (key != null && settings.size() < MAX_SETTINGS) {
                        settings.putIfAbsent(key, text.toString().strip());
                    }
                    key = null;
                    depth--;
                }
            });
            if (!sawSettings[0]) {
                throw new MalformedReplyException("XML without <settings> or <phone-settings>: "
                        + MalformedReplyException.excerpt(body));
            }
            return settings;
        } catch (MalformedReplyException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new MalformedReplyException("not Snom settings XML (" + e.getClass().getSimpleName() + "): "
                    + MalformedReplyException.excerpt(body), e);
        }
    }
}
