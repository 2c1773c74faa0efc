package org.phonecontroller.protocols.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A key of an XML-elements file: steps separated by {@code /}, each an element name with an optional condition on an
 * attribute ({@code user_host[@idx='1']}) or on a child's text ({@code line[index='2']}). The first step is looked for
 * anywhere in the document, the following ones among children: {@code Proxy_1_}, {@code P47},
 * {@code line[index='1']/RegisterAddr}.
 */
record ElementPath(List<Step> steps) {

    private static final Pattern STEP = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.-]*)(?:\\[(@?)([A-Za-z_][A-Za-z0-9_.-]*)='([^'<>&]*)'])?");

    record Step(String name, Optional<Condition> condition) {
    }

    /** {@code attribute} true: an attribute's value; false: a child element's text. */
    record Condition(boolean attribute, String name, String value) {
    }

    /** @throws IllegalArgumentException naming the step that is not one */
    static ElementPath parse(String key) {
        List<Step> steps = new ArrayList<>();
        for (String s : key.split("/", -1)) {
            Matcher m = STEP.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + key + "' is not an element path (NAME, NAME[@attr='v'] or "
                        + "NAME[child='v'], separated by /): '" + s + "'");
            }
            Optional<Condition> c = m.group(3) == null ? Optional.empty()
                    : Optional.of(new Condition(!m.group(2).isEmpty(), m.group(3), m.group(4)));
            steps.add(new Step(m.group(1), c));
        }
        return new ElementPath(steps);
    }

    Optional<Element> find(Document doc) {
        NodeList all = doc.getElementsByTagName(steps.get(0).name());
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (matches(e, steps.get(0))) {
                Optional<Element> found = descend(e, 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Element> descend(Element from, int index) {
        if (index == steps.size()) {
            return Optional.of(from);
        }
        for (Node n = from.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(steps.get(index).name())
                    && matches(e, steps.get(index))) {
                Optional<Element> found = descend(e, index + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Element e, Step step) {
        if (step.condition().isEmpty()) {
            return true;
        }
        Condition c = step.condition().get();
        if (c.attribute()) {
            return e.hasAttribute(c.name()) && e.getAttribute(c.name()).equals(c.value());
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(c.name())
                    && child.getTextContent().strip().equals(c.value())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The element, created when missing: the longest existing prefix is kept, the rest is added below it (below the
     * document element when no step exists), with the conditions' attributes or children.
     */
    Element findOrCreate(Document doc) {
        Optional<Element> existing = find(doc);
        if (existing.isPresent()) {
            return existing.get();
        }
        Element parent = doc.getDocumentElement();
        int start = 0;
        for (int n = steps.size() - 1; n >= 1; n--) {
            Optional<Element> prefix = new ElementPath(steps.subList(0, n)).find(doc);
            if (prefix.isPresent()) {
                parent = prefix.get();
                start = n;
                break;
            }
        }
        for (int i = start; i < steps.size(); i++) {
            Step step = steps.get(i);
            Element e = doc.createElement(step.name());
            step.condition().ifPresent(c -> {
                if (c.attribute()) {
                    e.setAttribute(c.name(), c.value());
                } else {
                    Element child = doc.createElement(c.name());
                    child.setTextContent(c.value());
                    e.appendChild(child);
                }
            });
            parent.appendChild(e);
            parent = e;
        }
        return parent;
    }
}
