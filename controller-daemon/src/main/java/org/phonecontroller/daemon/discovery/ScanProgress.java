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

    void addressDone(boolean phoneFound);
}
