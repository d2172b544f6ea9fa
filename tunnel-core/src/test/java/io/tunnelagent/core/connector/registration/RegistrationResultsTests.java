package io.tunnelagent.core.connector.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelagent.core.connector.event.ConnectionFailure;
import io.tunnelagent.protocol.registration.ConnectionError;
import io.tunnelagent.protocol.rpc.RpcException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationResultsTests {

    @Test
    void edupconnIsADuplicateConnection() {
        ConnectionFailure failure = RegistrationResults.classify(new ConnectionError("EDUPCONN", Duration.ZERO, true));
        assertThat(failure.kind()).isEqualTo(ConnectionFailure.Kind.DUPLICATE);
        assertThat(failure.message()).startsWith("already connected to this server, trying another address");
    }

    @Test
    void shouldRetryIsRetryable() {
        ConnectionFailure failure =
                RegistrationResults.classify(new ConnectionError("overloaded", Duration.ofSeconds(3), true));
        assertThat(failure.kind()).isEqualTo(ConnectionFailure.Kind.RETRYABLE);
        assertThat(failure.abortsStartup()).isFalse();
    }

    @Test
    void otherErrorsArePermanentAndAbortStartup() {
        ConnectionFailure failure =
                RegistrationResults.classify(new ConnectionError("tunnel deleted", Duration.ZERO, false));
        assertThat(failure.kind()).isEqualTo(ConnectionFailure.Kind.PERMANENT);
        assertThat(failure.abortsStartup()).isTrue();
        assertThat(failure.message()).contains("tunnel deleted");
    }

    @Test
    void unauthorizedIsPermanentButRetriedAtStartup() {
        ConnectionFailure failure =
                RegistrationResults.classify(new ConnectionError("Unauthorized: bad secret", Duration.ZERO, false));
        assertThat(failure.kind()).isEqualTo(ConnectionFailure.Kind.PERMANENT);
        assertThat(failure.unauthorized()).isTrue();
        assertThat(failure.abortsStartup()).isFalse();
    }

    @Test
    void rpcFailuresAreControlStreamErrorsThatNameTheEdgesReason() {
        ConnectionFailure failure =
                RegistrationResults.classify(RpcException.remote(RpcException.Kind.FAILED, "internal error"));
        assertThat(failure.kind()).isEqualTo(ConnectionFailure.Kind.CONTROL_STREAM);
        assertThat(failure.message()).contains("internal error");
    }
}
