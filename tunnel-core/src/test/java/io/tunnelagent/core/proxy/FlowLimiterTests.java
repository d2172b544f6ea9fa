package io.tunnelagent.core.proxy;

import static io.tunnelagent.core.proxy.ProxyFixture.TIMEOUT;
import static io.tunnelagent.core.proxy.ProxyFixture.rule;
import static io.tunnelagent.core.proxy.ProxyFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.ingress.IngressRules;
import io.tunnelagent.core.ingress.request.WarpRoutingConfig;
import io.tunnelagent.protocol.stream.ConnectRequest;
import io.tunnelagent.protocol.stream.ConnectResponse;
import io.tunnelagent.protocol.stream.ConnectionType;
import io.tunnelagent.protocol.stream.Metadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WARP flow limiter: {@code warp-routing.maxActiveFlows} concurrent TCP flows at most. */
class FlowLimiterTests {

    private final ProxyFixture fixture = new ProxyFixture(
            builder -> builder.warpRouting(WarpRoutingConfig.defaults().withMaxActiveFlows(2)));

    private final IngressRules rules = rules(rule(null, "http_status:404"));

    private final Map<MemoryDataStream, CompletableFuture<ProxyResult>> flows = new HashMap<>();

    @AfterEach
    void stop() {
        this.fixture.close();
    }

    @Test
    void flowOverTheLimitIsRefusedWithCloudflaredsErrorAndTheRateLimitedMetadata() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream first = open(echo);
        MemoryDataStream second = open(echo);
        MemoryDataStream third = this.fixture.stream(tcp(echo));

        ProxyResult refused = this.fixture.exchange(third, this.rules);

        assertThat(third.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new ConnectResponse(
                        "failed to start tcp flow due to rate limiting: too many active flows",
                        List.of(new Metadata("FlowConnectRateLimited", "true"))));
        assertThat(refused.error()).isEqualTo("failed to start tcp flow due to rate limiting: too many active flows");
        assertThat(this.fixture.proxy.activeFlows()).isEqualTo(2);
        close(first);
        close(second);
    }

    @Test
    void endedFlowFreesItsSlotForTheNextOne() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream first = open(echo);
        MemoryDataStream second = open(echo);
        close(first);

        MemoryDataStream third = open(echo);

        assertThat(third.response().get().isError()).isFalse();
        close(second);
        close(third);
        assertThat(this.fixture.proxy.activeFlows()).isZero();
    }

    @Test
    void limitPassedWithTheStreamAppliesToThatStreamAndZeroMeansUnlimited() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream first = open(echo);
        MemoryDataStream second = open(echo);
        MemoryDataStream third = this.fixture.stream(tcp(echo));

        CompletableFuture<ProxyResult> unlimited =
                this.fixture.proxy.proxy(third, this.rules, WarpRoutingConfig.defaults());

        assertThat(third.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isError())
                .isFalse();
        assertThat(this.fixture.proxy.activeFlows()).isEqualTo(3);
        this.flows.put(third, unlimited);
        close(third);
        close(first);
        close(second);
    }

    @Test
    void httpRequestsAreNotCountedAsFlows() throws Exception {
        int echo = this.fixture.servers.tcpEcho();
        MemoryDataStream first = open(echo);
        MemoryDataStream second = open(echo);
        MemoryDataStream http = this.fixture.stream(ProxyFixture.http("GET", "app.example.com", "/"));

        assertThat(this.fixture.exchange(http, this.rules).status()).isEqualTo(404);
        close(first);
        close(second);
    }

    private MemoryDataStream open(int echo) throws Exception {
        MemoryDataStream stream = this.fixture.stream(tcp(echo));
        this.flows.put(stream, this.fixture.proxy(stream, this.rules));
        assertThat(stream.response().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).isError())
                .isFalse();
        return stream;
    }

    /** Ends a flow from the edge side and waits until the proxy has finished it. */
    private void close(MemoryDataStream stream) throws Exception {
        stream.endInput();
        this.flows.get(stream).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConnectRequest tcp(int port) {
        return new ConnectRequest("127.0.0.1:" + port, ConnectionType.TCP, List.of(new Metadata("FlowID", "1")));
    }
}
