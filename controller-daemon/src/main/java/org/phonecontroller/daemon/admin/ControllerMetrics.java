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
 * {@code phonecontroller_isolated}; per PhoneManager with a registrar view {@code phonecontroller_registrar_up}
 * (0 while it does not answer), {@code phonecontroller_registrar_contacts},
 * {@code phonecontroller_registrar_managed_phones_registered} and {@code phonecontroller_registrar_unknown_contacts}
 * (the last three only while it answers; never a label per phone).
 */
public final class ControllerMetrics {

    private final PrometheusMeterRegistry registry;
    private final Map<GaugeKey, AtomicInteger> gauges = new ConcurrentHashMap<>();

    public ControllerMetrics(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A new Prometheus registry with the JVM's memory, GC, thread, CPU and uptime meters. */
    public static ControllerMetrics withJvmMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
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

    /** Sets the state gauges from a status report (called by the admin server before each scrape). */
    public void refresh(StatusReport status) {
        for (StatusReport.PhoneManagerStatus pm : status.phoneManagers()) {
            for (HealthState s : HealthState.values()) {
                gauge("phonecontroller.phone.manager.state",
                        Tags.of("phone_manager", pm.name(), "state", s.name())).set(pm.state() == s ? 1 : 0);
            }
        }
        for (StatusReport.RangeStatus range : status.ranges()) {
            for (PhoneState s : PhoneState.values()) {
                gauge("phonecontroller.phones", Tags.of("range", range.name(), "state", s.name()))
                        .set(range.phonesByState().getOrDefault(s, 0));
            }
            gauge("phonecontroller.range.on.fallback", Tags.of("range", range.name()))
                    .set(range.desiredTarget() == Target.FALLBACK ? 1 : 0);
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

    private AtomicInteger gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(new GaugeKey(name, tags), key -> {
            AtomicInteger value = new AtomicInteger();
            registry.gauge(name, tags, value);
            return value;
        });
    }

    private record GaugeKey(String name, Tags tags) {
    }
}
