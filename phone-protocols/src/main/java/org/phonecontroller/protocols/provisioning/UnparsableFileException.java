package org.phonecontroller.protocols.provisioning;

/**
 * A provisioning file the controller cannot parse in its profile's format: it is refused, never served half
 * overlaid. The message says why and where, without quoting the file's content (it may hold passwords).
 */
public final class UnparsableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnparsableFileException(String message) {
        super(message);
    }
}
