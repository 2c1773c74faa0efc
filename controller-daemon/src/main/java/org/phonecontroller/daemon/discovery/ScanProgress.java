package org.phonecontroller.daemon.discovery;

/** Hears a scan's progress (for the admin API's job view); called from many threads. */
public interface ScanProgress {

    ScanProgress NONE = new ScanProgress() {
        @Override
        public void planned(long addresses) {
        }

        @Override
        public void addressDone(boolean phoneFound) {
        }
    };

    void planned(long addresses);

    /** An address that answered the sweep was identified (or not). */
    void addressDone(boolean phoneFound);

    /** The sweep ended: these addresses were asked and needed nothing more (silent ones, mostly). */
    default void swept(long addresses) {
    }
}
