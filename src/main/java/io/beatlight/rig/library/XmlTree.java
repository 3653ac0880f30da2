package io.beatlight.rig.library;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read with the JDK's streaming parser: tag names without namespaces, attributes and each
 * element's own text. Lighter than a DOM for the thousands of short files the fixture library reads at start-up.
 * DTDs and external entities are never loaded.
 */
final class XmlTree {
    /** One factory per thread: the index reads files in parallel, and StAX factories are not promised thread-safe. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(XmlTree::factory);

    private XmlTree() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // a parser without the JAXP 1.5 property still has DTD support off
        }
        return factory;
    }

    /** One element: its tag, attributes, child elements and own text (child elements' text excluded). */
    static final class Element {
        final String tag;
        private final Map<String, String> attributes;
        final List<Element> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        private Element(String tag, Map<String, String> attributes) {
            this.tag = tag;
            this.attributes = attributes;
        }

        /** The attribute's value, "" when absent. */
        String attribute(String name) {
            return attributes.getOrDefault(name, "");
        }

        /** The element's own text, stripped, with runs of white space as one space. */
        String text() {
            return collapse(text);
        }

        /** The first child element of this tag, or null. */
        Element child(String tag) {
            for (Element e : children) {
                if (e.tag.equals(tag)) {
                    return e;
                }
            }
            return null;
        }

        List<Element> children(String tag) {
            List<Element> out = new ArrayList<>();
            for (Element e : children) {
                if (e.tag.equals(tag)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /** Text with surrounding white space removed and inner runs of it as one space. */
    static String collapse(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The root element of a document. */
    static Element parse(InputStream in) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.get().createXMLStreamReader(in);
        try {
            List<Element> open = new ArrayList<>();
            Element root = null;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Map<String, String> attributes = new HashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        Element element = new Element(reader.getLocalName(), attributes);
                        if (open.isEmpty()) {
                            root = element;
                        } else {
                            open.get(open.size() - 1).children.add(element);
                        }
                        open.add(element);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).text.append(reader.getText());
                        }
                    }
                    default -> {
                        // comments, processing instructions, the DOCTYPE: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new XMLStreamException("no root element");
            }
            return root;
        } catch (RuntimeException e) {
            // the JDK's parser reports some malformed documents (a bad character in a DTD) with a
            // MissingResourceException from its own message lookup instead of an XMLStreamException
            throw new XMLStreamException("the XML parser failed on this document (" + e + ")", e);
        } finally {
            reader.close();
        }
    }
}
