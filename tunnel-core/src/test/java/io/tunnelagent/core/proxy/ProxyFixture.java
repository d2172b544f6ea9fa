package io.tunnelagent.core.proxy;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.definition.IngressRuleDefinition;
import io.tunnelagent.core.ingress.definition.OriginRequestDefinition;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** What every proxy test needs: an event loop group, origins, a proxy and in-memory streams; closed after each test. */
final class ProxyFixture implements AutoCloseable {

    static final UUID CONNECTOR_ID = UUID.fromString("155493d0-c0d3-454c-9701-27a28fd68d47");
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int UPLOAD_CHUNK = 64 * 1024;

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final DefaultEventLoop streamLoop = new DefaultEventLoop();
    final OriginServers servers = new OriginServers(this.group);
    final List<ProxyResult> finished = new ArrayList<>();
    final StreamProxy proxy;
    private final AtomicLong ids = new AtomicLong();

    ProxyFixture() {
        this(builder -> {});
    }

    ProxyFixture(Consumer<StreamProxy.Builder> customizer) {
        StreamProxy.Builder builder = StreamProxy.builder()
                .eventLoopGroup(this.group)
                .connectorId(CONNECTOR_ID)
                .listener(new ProxyListener() {
                    @Override
                    public void requestFinished(ProxyResult result) {
                        synchronized (ProxyFixture.this.finished) {
                            ProxyFixture.this.finished.add(result);
                        }
                    }
                });
        customizer.accept(builder);
        this.proxy = builder.build();
    }

    static IngressRules rules(IngressRuleDefinition... definitions) {
        return IngressRules.compile(Arrays.asList(definitions), null);
    }

    static IngressRuleDefinition rule(String hostname, String service) {
        return IngressRuleDefinition.of(hostname, service);
    }

    static IngressRuleDefinition rule(String hostname, String service, Consumer<OriginRequestDefinition> options) {
        IngressRuleDefinition definition = IngressRuleDefinition.of(hostname, service);
        options.accept(definition.getOriginRequest());
        return definition;
    }

    static ConnectRequest http(String method, String host, String dest, String... headers) {
        return request(ConnectionType.HTTP, method, host, dest, headers);
    }

    static ConnectRequest request(ConnectionType type, String method, String host, String dest, String... headers) {
        List<Metadata> metadata = new ArrayList<>();
        metadata.add(new Metadata(Metadata.HTTP_METHOD, method));
        metadata.add(new Metadata(Metadata.HTTP_HOST, host));
        for (int i = 0; i < headers.length; i += 2) {
            metadata.add(Metadata.header(headers[i], headers[i + 1]));
        }
        return new ConnectRequest(dest, type, metadata);
    }

    MemoryDataStream stream(ConnectRequest request) {
        return new MemoryDataStream(this.streamLoop, request, this.ids.incrementAndGet() * 4);
    }

    CompletableFuture<ProxyResult> proxy(MemoryDataStream stream, IngressRules rules) {
        return this.proxy.proxy(stream, rules);
    }

    /** Proxies and waits for the end of the stream. */
    ProxyResult exchange(MemoryDataStream stream, IngressRules rules) throws Exception {
        return proxy(stream, rules).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Proxies a request on a slow-reader stream, draining the answer until it ends (at most a minute). */
    ProxyResult download(MemoryDataStream stream, IngressRules rules) throws Exception {
        CompletableFuture<ProxyResult> done = proxy(stream, rules);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stream.outputEnded().isDone() && System.nanoTime() < deadline) {
            stream.drain();
        }
        stream.drain();
        return done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Proxies an upload of {@code chunks} zero-filled 64 KiB chunks and waits for the end of the stream. */
    ProxyResult upload(MemoryDataStream stream, IngressRules rules, int chunks) throws Exception {
        CompletableFuture<ProxyResult> done = proxy(stream, rules);
        byte[] chunk = new byte[UPLOAD_CHUNK];
        for (int i = 0; i < chunks; i++) {
            stream.send(chunk);
        }
        stream.endInput();
        return done.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        this.proxy.close();
        this.servers.close();
        this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        this.streamLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
