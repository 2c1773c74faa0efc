package org.phonecontroller.protocols.provisioning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * An XML provisioning file. With {@code attributes} keys are attribute names on any element (Poly:
 * {@code reg.1.server.1.address="..."}); otherwise keys are {@link ElementPath}s (Cisco MPP {@code Proxy_1_},
 * Grandstream {@code P47}, Snom {@code user_host[@idx='1']}). No DTDs, no external entities.
 */
final class XmlDocument implements ConfigDocument {

    private static final int MAX_DEPTH_ELEMENTS = 200_000;

    private final Document doc;
    private final boolean attributes;

    private XmlDocument(Document doc, boolean attributes) {
        this.doc = doc;
        this.attributes = attributes;
    }

    static XmlDocument parse(byte[] content, boolean attributes) throws UnparsableFileException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document doc = builder.parse(new ByteArrayInputStream(content));
            if (doc.getDocumentElement() == null) {
                throw new UnparsableFileException("no XML document element");
            }
            if (doc.getElementsByTagName("*").getLength() > MAX_DEPTH_ELEMENTS) {
                throw new UnparsableFileException("more than " + MAX_DEPTH_ELEMENTS + " XML elements");
            }
            return new XmlDocument(doc, attributes);
        } catch (SAXParseException e) {
            // the parser's message may quote content: only the position is told
            throw new UnparsableFileException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber());
        } catch (SAXException | IOException e) {
            throw new UnparsableFileException("not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely", e);
        } catch (RuntimeException e) {
            throw new UnparsableFileException("not well-formed XML (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    @Override
    public Optional<String> get(String key) {
        if (attributes) {
            return attributeOwner(key).map(e -> e.getAttribute(key));
        }
        return ElementPath.parse(key).find(doc).map(e -> e.getTextContent().strip());
    }

    @Override
    public void set(String key, String value) {
        if (attributes) {
            attributeOwner(key).orElse(doc.getDocumentElement()).setAttribute(key, value);
            return;
        }
        Element e = ElementPath.parse(key).findOrCreate(doc);
        e.setTextContent(value);
    }

    private Optional<Element> attributeOwner(String key) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] bytes() {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.STANDALONE, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the XML document back", e);
        }
    }
}
