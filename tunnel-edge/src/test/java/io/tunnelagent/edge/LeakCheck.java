package io.tunnelagent.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test whose Netty buffers leaked. Netty's leak detector logs each leak as an ERROR starting with
 * {@code LEAK:} on the {@code io.netty.util.ResourceLeakDetector} logger; this captures that logger during the test
 * and, after the test's own clean-up, collects garbage and allocates a few buffers (the detector reports the
 * leaks collected so far on allocation) before checking what it captured.
 */
final class LeakCheck implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakCheck.class);

    private static final Logger DETECTOR_LOG = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        DETECTOR_LOG.addAppender(reports);
        context.getStore(NAMESPACE).put(ListAppender.class, reports);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> reports =
                context.getStore(NAMESPACE).remove(ListAppender.class, ListAppender.class);
        try {
            for (int round = 0; round < 3; round++) {
                System.gc();
                for (int i = 0; i < 64; i++) {
                    ByteBufAllocator.DEFAULT.buffer(64).release();
                }
            }
        } finally {
            DETECTOR_LOG.detachAppender(reports);
            reports.stop();
        }
        List<String> leaks;
        synchronized (reports) {
            leaks = reports.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.startsWith("LEAK:"))
                    .toList();
        }
        assertThat(leaks).as("Netty buffers leaked (leak detector reports)").isEmpty();
    }
}
