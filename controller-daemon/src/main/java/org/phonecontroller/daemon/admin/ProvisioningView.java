package org.phonecontroller.daemon.admin;

import java.time.Instant;
import java.util.List;

/**
 * A provisioning phone as the provisioning server sees it ({@code GET /api/provisioning?phone=ADDRESS|MAC}): its last
 * fetch and, when asked, the file it would get now. Secrets are masked: values of keys that look like passwords.
 *
 * @param phone     the phone's address
 * @param range     its range
 * @param profile   the range's provisioning profile
 * @param url       the provisioning URL phones should be given
 * @param lastFetch the phone's last fetch of a file its profile renders, or null
 * @param preview   the file it would get now, or null when not asked
 */
public record ProvisioningView(String phone, String range, String profile, String url, LastFetch lastFetch,
                               Preview preview) {

    /** What was served, without content. */
    public record LastFetch(Instant at, String file, int status, String userAgent, String model, String firmware,
                            String mac, List<Integer> accounts, List<String> servers, String detail) {
    }

    /** The file as it would be served now (status 200) or why not. */
    public record Preview(String file, int status, String reason, String content) {
    }
}
