package org.phonecontroller.lab.internal.provisioning;

/** A fetched provisioning file the phone's firmware would not take, with the reason it gives. */
public final class RejectedFile extends Exception {
    public RejectedFile(String reason) {
        super(reason);
    }
}
