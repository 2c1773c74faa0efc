package org.phonecontroller.daemon.admin;

/**
 * The body of every error answer of the admin API.
 *
 * @param error  what happened
 * @param advice what to do about it (may be empty)
 */
public record ApiError(String error, String advice) {
}
