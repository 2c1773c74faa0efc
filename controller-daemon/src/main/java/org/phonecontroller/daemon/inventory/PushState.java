package org.phonecontroller.daemon.inventory;

/**
 * A phone's progress towards its desired servers, as stored before and after every push.
 *
 * <ul>
 *   <li>{@code NONE}: nothing was ever asked of it.</li>
 *   <li>{@code PENDING}: it should get the desired servers; nothing was sent yet.</li>
 *   <li>{@code PUSHING}: a push was (or may have been) sent; on restart it is read back before anything else.</li>
 *   <li>{@code DEFERRED}: it was in a call; tried again later, pushed anyway once the deferral limit passes.</li>
 *   <li>{@code APPLIED}: reading back showed the desired servers, but the target PhoneManager's registrar view does
 *       not list the phone yet; {@code updatedAt} starts its registration deadline. Left APPLIED when the view stays
 *       unknown past the deadline.</li>
 *   <li>{@code VERIFIED}: reading back showed the desired servers (and, where the target has a registrar view and the
 *       range requires it, the phone is registered there).</li>
 *   <li>{@code FAILED}: retries ran out; {@code lastError} says why. The next reconcile run tries again.</li>
 * </ul>
 */
public enum PushState {
    NONE, PENDING, PUSHING, DEFERRED, APPLIED, VERIFIED, FAILED
}
