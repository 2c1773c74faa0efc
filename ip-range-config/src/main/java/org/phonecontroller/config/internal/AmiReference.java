package org.phonecontroller.config.internal;

/**
 * An {@code asterisk-ami} registrar view's reference into the credentials file, for the checks that read that file.
 *
 * @param phoneManager the PhoneManager whose view it is
 * @param key          the credentials key named
 * @param node         where the key is written
 */
public record AmiReference(String phoneManager, String key, YamlNode node) {
}
