package org.phonecontroller.daemon.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.phonecontroller.protocols.PushResult;

/**
 * The daemon's metrics, by name, in one place. The daemon reports probes and pushes as they happen
 * ({@link #probed}, {@link #pushed}); the admin server refreshes the state gauges from
 * {@link AdminOperations#status()} before every scrape of {@code /metrics}, so those need no feeding.
 *
 * <p>Names (Prometheus form): {@code phonecontroller_probe_latency_seconds{phone_manager,result}},
 * {@code phonecontroller_pushes_total{range,outcome}}, {@code phonecontroller_phone_manager_state{phone_manager,state}}
 * (1 for the current state, 0 otherwise), {@code phonecontroller_phones{range,state}},
 * {@code phonecontroller_range_on_fallback{range}} (1 when the range's desired target is FALLBACK),
 * {@code phonecontroller_isolated}, {@code phonecontroller_phone_manager_up{phone_manager}},
 * {@code phonecontroller_phone_manager_last_transition_timestamp_seconds{phone_manager}},
 * {@code phonecontroller_range_target{range,target}} (1 for the desired target),
 * {@code phonecontroller_range_info{range,primary,fallback}} (always 1, to join ranges with their PhoneManagers), and the counters of
 * {@link #counted}; {@code phonecontroller_build_info{version,java_version}} (see {@link #withBuildInfo}).
 * per PhoneManager with a registrar view {@code phonecontroller_registrar_up} (0 while it does not answer),
 * {@code phonecontroller_registrar_contacts}, {@code phonecontroller_registrar_managed_phones_registered} and
 * {@code phonecontroller_registrar_unknown_contacts} (the last three only while it answers).
 * docs/notifications.md lists them all; no metric has a per-phone label.
 */
public final class ControllerMetrics {

    private final PrometheusMeterRegistry registry;
    private final Map<GaugeKey, AtomicInteger> gauges = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> timestamps = new ConcurrentHashMap<>();

    public ControllerMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A new Prometheus registry with the JVM's memory, GC, thread, CPU and uptime meters. */
    public static ControllerMetrics withJvmMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // promtool check metrics refuses these two names of Micrometer's binders (an abbreviated unit, a "_count"
        // that is no histogram's); process_cpu_usage and system_cpu_usage say the same
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.denyNameStartsWith(
                "process.cpu.time"));
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.denyNameStartsWith(
                "system.cpu.count"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new ControllerMetrics(registry);
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry the daemon may add its own meters to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** One health probe of a PhoneManager finished: {@code up} with its latency, or down after {@code took}. */
    public void probed(String phoneManager, Duration took, boolean up) {
        Timer.builder("phonecontroller.probe.latency")
                .description("Health probe latency per PhoneManager")
                .tags("phone_manager", phoneManager, "result", up ? "up" : "down")
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    /** One push to a phone finished. */
    public void pushed(String range, PushResult result) {
        String outcome = switch (result) {
            case PushResult.Applied a -> "applied";
            case PushResult.Deferred d -> "deferred";
            case PushResult.Failed f -> "failed";
        };
        Counter.builder("phonecontroller.pushes")
                .description("Server assignments pushed to phones, by outcome")
                .tags("range", range, "outcome", outcome)
                .register(registry)
                .increment();
    }

    /**
     * {@code phonecontroller_build_info{version, java_version}} 1: which build runs (the {@code _info} convention).
     */
    public ControllerMetrics withBuildInfo(String version) {
        io.micrometer.core.instrument.Gauge.builder("phonecontroller.build.info", () -> 1)
                .description("The running build (always 1)")
                .tags("version", version, "java_version", System.getProperty("java.version"))
                .register(registry);
        return this;
    }

    /**
     * Counts what events tell (subscribe it to the event log): {@code phonecontroller_phone_manager_transitions_total
     * {phone_manager, to}} per health transition, so that flaps shorter than a scrape are seen, and
     * {@code phonecontroller_failovers_total{range}} / {@code phonecontroller_failbacks_total{range}}. No per-phone
     * label: PHONE_FAILED is counted per range in {@code phonecontroller_phone_failures_total{range}}.
     */
    public void counted(org.phonecontroller.daemon.events.Event event) {
        String to = switch (event.kind()) {
            case PHONE_MANAGER_UP -> "UP";
            case PHONE_MANAGER_SUSPECT -> "SUSPECT";
            case PHONE_MANAGER_DOWN -> "DOWN";
            case PHONE_MANAGER_RECOVERING -> "RECOVERING";
            default -> "";
        };
        if (!to.isEmpty()) {
            Counter.builder("phonecontroller.phone.manager.transitions")
                    .description("Health transitions of a PhoneManager, by the state entered")
                    .tags("phone_manager", event.phoneManager(), "to", to).register(registry).increment();
            return;
        }
        String rangeCounter = switch (event.kind()) {
            case FAILOVER_STARTED -> "phonecontroller.failovers";
            case FAILBACK_STARTED -> "phonecontroller.failbacks";
            case PHONE_FAILED -> "phonecontroller.phone.failures";
            default -> "";
        };
        if (!rangeCounter.isEmpty()) {
            Counter.builder(rangeCounter).description("Started failovers, failbacks, or phones that failed, by range")
                    .tags("range", event.range()).register(registry).increment();
        }
    }

    /** Sets the state gauges from a status report (called by the admin server before each scrape). */
    public void refresh(StatusReport status) {
        for (StatusReport.PhoneManagerStatus pm : status.phoneManagers()) {
            for (HealthState s : HealthState.values()) {
                gauge("phonecontroller.phone.manager.state",
                        Tags.of("phone_manager", pm.name(), "state", s.name())).set(pm.state() == s ? 1 : 0);
            }
            gauge("phonecontroller.phone.manager.up", Tags.of("phone_manager", pm.name()))
                    .set(pm.state() == HealthState.UP ? 1 : 0);
            if (pm.since() != null) {
                timestamps.computeIfAbsent(pm.name(), name -> {
                    java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong();
                    io.micrometer.core.instrument.Gauge.builder(
                                    "phonecontroller.phone.manager.last.transition.timestamp", millis,
                                    m -> m.get() / 1000.0)
                            .description("When the PhoneManager entered its current health state (Unix time)")
                            .baseUnit("seconds").tags("phone_manager", name).register(registry);
                    return millis;
                }).set(pm.since().toEpochMilli());
            }
        }
        for (StatusReport.RangeStatus range : status.ranges()) {
            for (PhoneState s : PhoneState.values()) {
                gauge("phonecontroller.phones", Tags.of("range", range.name(), "state", s.name()))
                        .set(range.phonesByState().getOrDefault(s, 0));
            }
            gauge("phonecontroller.range.on.fallback", Tags.of("range", range.name()))
                    .set(range.desiredTarget() == Target.FALLBACK ? 1 : 0);
            gauge("phonecontroller.range.info", Tags.of("range", range.name(), "primary", range.primary(), "fallback",
                    range.fallback())).set(1);
            for (Target t : Target.values()) {
                gauge("phonecontroller.range.target", Tags.of("range", range.name(), "target", t.name()))
                        .set(range.desiredTarget() == t ? 1 : 0);
            }
        }
        for (StatusReport.PhoneManagerStatus pm : status.phoneManagers()) {
            StatusReport.RegistrarStatus r = pm.registrar();
            if (r == null) {
                continue;
            }
            Tags tags = Tags.of("phone_manager", pm.name());
            gauge("phonecontroller.registrar.up", tags).set(r.known() ? 1 : 0);
            if (r.known()) {
                gauge("phonecontroller.registrar.contacts", tags).set(r.contacts());
                gauge("phonecontroller.registrar.managed.phones.registered", tags).set(r.managedPhones());
                gauge("phonecontroller.registrar.unknown.contacts", tags).set(r.unknownContacts());
            }
        }
        gauge("phonecontroller.isolated", Tags.empty()).set(status.controller().isolated() ? 1 : 0);
    }

    /** Every gauge has a HELP text: promtool check metrics asks for one. */
    private static final Map<String, String> HELP = Map.of(
            "phonecontroller.phone.manager.state", "1 for the PhoneManager's current health state, 0 for the others",
            "phonecontroller.phone.manager.up", "1 when the PhoneManager's health is UP, else 0",
            "phonecontroller.phones", "Phones of the range, by state",
            "phonecontroller.range.on.fallback", "1 when the range's desired target is its fallback PhoneManager",
            "phonecontroller.range.target", "1 for the range's desired target (PRIMARY or FALLBACK), 0 for the other",
            "phonecontroller.range.info", "Always 1: the range's primary and fallback PhoneManagers as labels",
            "phonecontroller.isolated", "1 when no witness answers: the controller fails nothing over");

    private AtomicInteger gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            AtomicInteger value = new AtomicInteger();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicInteger::get)
                    .description(HELP.getOrDefault(name, name)).tags(tags).register(registry);
            return value;
        });
    }

    private record GaugeKey(String name, Tags tags) {
    }
}
