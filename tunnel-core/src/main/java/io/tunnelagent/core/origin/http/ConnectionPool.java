package io.tunnelagent.core.origin.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Idle keep-alive connections of one origin, keyed by TLS server name: at most {@code keepAliveConnections} idle
 * (Go's {@code MaxIdleConns} and {@code MaxIdleConnsPerHost}; 0 means Go's default of 2), each closed after
 * {@code keepAliveTimeout} unused. Connections the origin closes leave the pool at once.
 */
final class ConnectionPool {

    private static final AttributeKey<ScheduledFuture<?>> IDLE_TIMER = AttributeKey.valueOf("tunnel.idleTimer");

    private final int maxIdle;
    private final Duration idleTimeout;
    private final Map<String, Deque<Channel>> idle = new HashMap<>();
    private int idleCount;
    private boolean closed;

    ConnectionPool(int keepAliveConnections, Duration idleTimeout) {
        this.maxIdle = keepAliveConnections > 0 ? keepAliveConnections : 2;
        this.idleTimeout = idleTimeout;
    }

    synchronized @Nullable Channel poll(String key) {
        Deque<Channel> channels = this.idle.get(key);
        while (channels != null && !channels.isEmpty()) {
            Channel channel = channels.pollFirst();
            this.idleCount--;
            ScheduledFuture<?> timer = channel.attr(IDLE_TIMER).getAndSet(null);
            if (timer != null) {
                timer.cancel(false);
            }
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    void release(String key, Channel channel) {
        synchronized (this) {
            if (!this.closed && channel.isActive() && this.idleCount < this.maxIdle) {
                this.idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(channel);
                this.idleCount++;
                channel.attr(IDLE_TIMER)
                        .set(channel.eventLoop()
                                .schedule(
                                        () -> expire(key, channel),
                                        this.idleTimeout.toMillis(),
                                        TimeUnit.MILLISECONDS));
                return;
            }
        }
        channel.close();
    }

    synchronized int idleCount() {
        return this.idleCount;
    }

    void close() {
        Deque<Channel> all = new ArrayDeque<>();
        synchronized (this) {
            this.closed = true;
            this.idle.values().forEach(all::addAll);
            this.idle.clear();
            this.idleCount = 0;
        }
        all.forEach(Channel::close);
    }

    private void expire(String key, Channel channel) {
        if (forget(key, channel)) {
            channel.close();
        }
    }

    /** Drops a channel from the pool (called when it closes); returns whether it was idle here. */
    synchronized boolean forget(String key, Channel channel) {
        Deque<Channel> channels = this.idle.get(key);
        if (channels != null && channels.remove(channel)) {
            this.idleCount--;
            return true;
        }
        return false;
    }
}
