package org.phonecontroller.protocols.provisioning;

import java.util.Optional;

/** A parsed provisioning file whose keys can be read and set; {@link #bytes()} writes it back. Not thread-safe. */
interface ConfigDocument {

    Optional<String> get(String key);

    /** Sets the key, adding it when missing. */
    void set(String key, String value);

    byte[] bytes();

    static ConfigDocument parse(ProvisioningProfile.FileFormat format, byte[] content) throws UnparsableFileException {
        return switch (format) {
            case KEY_VALUE -> KeyValueDocument.parse(content);
            case XML_ELEMENTS -> XmlDocument.parse(content, false);
            case XML_ATTRIBUTES -> XmlDocument.parse(content, true);
        };
    }
}
