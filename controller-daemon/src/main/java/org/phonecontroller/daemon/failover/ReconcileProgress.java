package org.phonecontroller.daemon.failover;

/** Hears a reconciler run's progress (for the admin API's job view); called from many threads. */
public interface ReconcileProgress {

    ReconcileProgress NONE = new ReconcileProgress() {
        @Override
        public void planned(int phones) {
        }

        @Override
        public void phoneDone(String phone, PhoneOutcome outcome) {
        }
    };

    /** The run looks at {@code phones} phones (called again when a later pass finds a different number). */
    void planned(int phones);

    /** One step on one phone ended. */
    void phoneDone(String phone, PhoneOutcome outcome);
}
