package org.phonecontroller.protocols;

/**
 * What {@link PhoneProtocol#assign(PhoneIdentity, ServerAssignment, BusyPolicy)} does with a phone that is in a
 * call. The daemon defers busy phones up to its {@code maxBusyDeferral} and then forces.
 */
public enum BusyPolicy {
    /** Read the call state first; a phone in a call is not touched and the push is {@link PushResult.Deferred}. */
    DEFER,
    /** Push even while the phone is in a call (it may drop the call or re-register after it). */
    FORCE
}
