package org.phonecontroller.daemon.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.phonecontroller.daemon.admin.JobProgress;

/** How {@code --wait} shows a job advancing: a progress bar on a terminal, plain lines otherwise. */
sealed interface ProgressDisplay extends AutoCloseable {

    void show(JobProgress progress);

    @Override
    void close();

    /** A bar when a person watches (a terminal), lines when a script or a log file reads. */
    static ProgressDisplay forOutput(String task, PrintWriter out, Clock clock) {
        return isTerminal() ? new Bar(task, out) : new Lines(task, out, clock);
    }

    /** Whether stdin/stdout is a terminal: {@code System.console()} is null otherwise, and on JDK 22+ asks isTerminal. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }

    /** One line per change, at most one a second, and always the last. */
    final class Lines implements ProgressDisplay {
        private static final Duration EVERY = Duration.ofSeconds(1);
        private final String task;
        private final PrintWriter out;
        private final Clock clock;
        private Instant lastLine = Instant.MIN;
        private int lastDone = -1;

        Lines(String task, PrintWriter out, Clock clock) {
            this.task = task;
            this.out = out;
            this.clock = clock;
        }

        @Override
        public void show(JobProgress p) {
            Instant now = clock.instant();
            boolean due = p.finished() || (p.done() != lastDone && !now.isBefore(lastLine.plus(EVERY)));
            if (due) {
                out.printf("%s: %d/%d done, %d verified, %d deferred, %d failed%n", task, p.done(), p.total(),
                        p.verified(), p.deferred(), p.failed());
                out.flush();
                lastLine = now;
                lastDone = p.done();
            }
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** me.tongfei's progress bar, drawn into the command's output writer. */
    final class Bar implements ProgressDisplay {
        private final WriterConsumer consumer;
        private final ProgressBar bar;

        Bar(String task, PrintWriter out) {
            this.consumer = new WriterConsumer(out);
            this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(consumer).setUpdateIntervalMillis(200).showSpeed().build();
        }

        @Override
        public void show(JobProgress p) {
            bar.maxHint(p.total());
            bar.stepTo(p.done());
            bar.setExtraMessage(p.deferred() + " deferred, " + p.failed() + " failed");
        }

        @Override
        public void close() {
            bar.close();
            consumer.close(); // the library skips it when the bar closes before its first scheduled redraw
        }
    }

    /** Redraws the bar in place on the writer (carriage return), ends it with a line break. */
    final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter out;
        private boolean closed;

        private final java.util.concurrent.locks.ReentrantLock printing =
                new java.util.concurrent.locks.ReentrantLock();

        WriterConsumer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            printing.lock();
            try {
                out.print('\r');
                out.print(rendered);
                out.flush();
            } finally {
                printing.unlock();
            }
        }

        @Override
        public void close() {
            printing.lock();
            try {
                if (!closed) {
                    closed = true;
                    out.println();
                    out.flush();
                }
            } finally {
                printing.unlock();
            }
        }
    }
}
