package org.phonecontroller.lab.internal.provisioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sync's way through a vendor's files (boot or resync): which file comes next, given what the earlier ones
 * said and whether they came, and what the phone keeps at the end. Sources: {@link ProvisioningFirmware}. Used by one
 * sync at a time (the fetches of a sync run one after the other), so it needs no locking.
 */
abstract sealed class SyncPlan {
    /** No sync fetches more files than this (a Snom file naming itself, a Polycom list run wild). */
    static final int MAX_FILES = 16;

    /**
     * What one fetch did.
     *
     * @param outcome {@code applied}, {@code http 404}, {@code rejected: …}, {@code skipped: …}
     * @param failed  whether it counts as a failed fetch (an optional file's 404 does not)
     */
    record Outcome(String outcome, boolean failed) {
        static Outcome applied() {
            return new Outcome("applied", false);
        }

        static Outcome status(int status, boolean failed) {
            return new Outcome("http " + status, failed);
        }

        static Outcome rejected(RejectedFile e) {
            return new Outcome("rejected: " + e.getMessage(), true);
        }
    }

    private final Deque<String> queue = new ArrayDeque<>();
    private int handedOut;

    SyncPlan(List<String> first) {
        queue.addAll(first);
    }

    /** The next file (a name under the provisioning URL, or an absolute URL a file named), empty when done. */
    final Optional<String> next() {
        if (handedOut >= MAX_FILES || queue.isEmpty()) {
            return Optional.empty();
        }
        handedOut++;
        return Optional.of(queue.poll());
    }

    final void then(List<String> files) {
        queue.addAll(files);
    }

    /**
     * Reads one answer to the file {@link #next()} handed out.
     *
     * @param status the HTTP status, 0 when no answer came ({@code body} null then)
     */
    abstract Outcome fetched(String file, int status, String body);

    /** Puts what this sync read into the phone's settings. */
    abstract void applyTo(Map<String, String> settings);

    /**
     * Yealink, Cisco MPP, Fanvil, Snom, Grandstream: the files are kept in flash, so every file read changes the
     * settings it names and the others keep their value (a later file overrides an earlier one).
     */
    abstract static sealed class KeptInFlash extends SyncPlan {
        private final List<Map<String, String>> read = new ArrayList<>();

        KeptInFlash(List<String> first) {
            super(first);
        }

        final void read(Map<String, String> settings) {
            read.add(settings);
        }

        @Override
        final void applyTo(Map<String, String> settings) {
            read.forEach(settings::putAll);
        }
    }

    /** A fixed list of files, each read by the firmware's own parser (Yealink, Cisco MPP, Fanvil). */
    static final class FixedFiles extends KeptInFlash {
        private final ProvisioningFirmware firmware;

        FixedFiles(ProvisioningFirmware firmware, List<String> files) {
            super(files);
            this.firmware = firmware;
        }

        @Override
        Outcome fetched(String file, int status, String body) {
            if (status != 200) {
                return Outcome.status(status, true);
            }
            try {
                read(firmware.parse(body));
                return Outcome.applied();
            } catch (RejectedFile e) {
                return Outcome.rejected(e);
            }
        }
    }

    /**
     * Snom: the setting URL's file ({@code snom<model>-<MAC>.htm}), then every file its {@code <setting-files>}
     * name, depth first in their order (wazo-provd's Snom plugin serves {@code snom<model>-<MAC>.htm} as a
     * {@code <setting-files>} list pointing at {@code <MAC>.xml}).
     */
    static final class SnomFiles extends KeptInFlash {
        SnomFiles(List<String> first) {
            super(first);
        }

        @Override
        Outcome fetched(String file, int status, String body) {
            if (status != 200) {
                return Outcome.status(status, true);
            }
            try {
                VendorXmlFiles.SnomFile f = VendorXmlFiles.snom(body);
                read(f.settings());
                then(f.settingFiles());
                return Outcome.applied();
            } catch (RejectedFile e) {
                return Outcome.rejected(e);
            }
        }
    }

    /**
     * Grandstream (SIP Device Provisioning Guide): the binary {@code cfg<mac>} (the lab reads no binary file; a 404
     * there is normal), then {@code cfg<mac>.xml}; when that download fails, {@code cfg<model>.xml}, and when that
     * fails too, the generic {@code cfg.xml}.
     */
    static final class GrandstreamFiles extends KeptInFlash {
        private final String plainMac;
        private final String binary;
        private final List<String> fallbacks;

        GrandstreamFiles(String plainMac, String model) {
            super(List.of("cfg" + plainMac, "cfg" + plainMac + ".xml"));
            this.plainMac = plainMac;
            this.binary = "cfg" + plainMac;
            this.fallbacks = new ArrayList<>(List.of("cfg" + model + ".xml", "cfg.xml"));
        }

        @Override
        Outcome fetched(String file, int status, String body) {
            if (file.equals(binary)) {
                return status == 200 ? new Outcome("skipped: binary format (the lab reads only XML files)", false)
                        : Outcome.status(status, false);
            }
            if (status != 200) {
                // the next file of the chain is tried; only when none is left has provisioning failed
                if (!fallbacks.isEmpty()) {
                    then(List.of(fallbacks.removeFirst()));
                    return Outcome.status(status, false);
                }
                return Outcome.status(status, true);
            }
            try {
                read(VendorXmlFiles.grandstream(body, plainMac));
                return Outcome.applied();
            } catch (RejectedFile e) {
                return Outcome.rejected(e);
            }
        }
    }

    /**
     * Poly/Polycom UC Software: the master configuration file {@code <MAC>.cfg} — {@code 000000000000.cfg} when
     * that is not found — then the files of its {@code CONFIG_FILES}, left to right; a parameter in a file listed
     * earlier wins over the same parameter later. The phone runs on what the files say: when every file came, the
     * settings are exactly theirs (a parameter no file names is back at its default); when one did not, the phone
     * keeps running with what it had.
     */
    static final class PolycomFiles extends SyncPlan {
        static final String DEFAULT_MASTER = "000000000000.cfg";
        private final String perMacMaster;
        private final String model;
        private final String plainMac;
        private final Map<String, String> read = new HashMap<>();
        private boolean masterRead;
        private boolean incomplete;

        PolycomFiles(String plainMac, String model) {
            super(List.of(plainMac + ".cfg"));
            this.perMacMaster = plainMac + ".cfg";
            this.model = model;
            this.plainMac = plainMac;
        }

        @Override
        Outcome fetched(String file, int status, String body) {
            boolean master = !masterRead && (file.equals(perMacMaster) || file.equals(DEFAULT_MASTER));
            if (master && file.equals(perMacMaster) && status == 404) {
                then(List.of(DEFAULT_MASTER));
                return Outcome.status(status, false);
            }
            if (status != 200) {
                incomplete = true;
                return Outcome.status(status, true);
            }
            try {
                if (master) {
                    then(VendorXmlFiles.polycomConfigFiles(body, model, plainMac));
                    masterRead = true;
                } else {
                    VendorXmlFiles.polycomCfg(body).forEach(read::putIfAbsent);
                }
                return Outcome.applied();
            } catch (RejectedFile e) {
                incomplete = true;
                return Outcome.rejected(e);
            }
        }

        @Override
        void applyTo(Map<String, String> settings) {
            if (masterRead && !incomplete) {
                settings.clear();
                settings.putAll(read);
            }
        }
    }
}
