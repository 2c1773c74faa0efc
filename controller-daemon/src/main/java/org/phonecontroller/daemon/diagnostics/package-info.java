/**
 * Diagnostics an admin runs without the daemon ({@code phonectl inspect}, {@code phonectl discover}): what the
 * controller sees of one phone, and one sweep of a range. Nothing here touches the inventory or the database; every
 * address asked is one the admin named (directly, or as a configured range).
 */
package org.phonecontroller.daemon.diagnostics;
