package io.tunnelagent.protocol.rpc.message;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One {@code rpc.capnp} {@code Message} ({@code 0x91b79f1f808db032}): a union whose tag sits at data bits 0–16 and
 * whose payload is pointer 0. Only the kinds level-0 RPC needs are modelled; the others decode to
 * {@link Unsupported}. Encode and decode with {@link MessageCodec}.
 */
public sealed interface RpcMessage {

    /**
     * {@code unimplemented} (tag 0): the peer echoes a message it does not understand.
     *
     * @param message the echoed message
     */
    record Unimplemented(RpcMessage message) implements RpcMessage {

        /**
         * Creates the message.
         *
         * @param message the echoed message
         */
        public Unimplemented {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * {@code abort} (tag 1): the sender is closing the connection because of this exception.
     *
     * @param exception why
     */
    record Abort(ExceptionInfo exception) implements RpcMessage {

        /**
         * Creates the message.
         *
         * @param exception why
         */
        public Abort {
            Objects.requireNonNull(exception, "exception");
        }
    }

    /**
     * {@code call} (tag 2), struct {@code Call} ({@code 0x836a53ce789d4cd4}, 3 data words, 3 pointers), with
     * {@code sendResultsTo = caller} (the only destination level 0 uses; other destinations decode to
     * {@link Unsupported}).
     *
     * @param questionId the caller's question ID
     * @param target the capability called
     * @param interfaceId the ID of the interface that declares the method
     * @param methodId the method ordinal
     * @param params the parameters
     */
    record Call(int questionId, MessageTarget target, long interfaceId, int methodId, Payload params)
            implements RpcMessage {

        /**
         * Creates the message.
         *
         * @param questionId the caller's question ID
         * @param target the capability called
         * @param interfaceId the interface ID
         * @param methodId the method ordinal
         * @param params the parameters
         */
        public Call {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(params, "params");
        }
    }

    /**
     * {@code return} (tag 3), struct {@code Return} ({@code 0x9e19b28d3db3573a}, 2 data words, 1 pointer).
     *
     * @param answerId the question ID being answered
     * @param releaseParamCaps whether the callee released the parameters' capabilities (schema default {@code true})
     * @param kind which union member is set
     * @param results the results, for {@link ReturnKind#RESULTS}
     * @param exception the exception, for {@link ReturnKind#EXCEPTION}
     */
    record Return(
            int answerId,
            boolean releaseParamCaps,
            ReturnKind kind,
            @Nullable Payload results,
            @Nullable ExceptionInfo exception)
            implements RpcMessage {

        /**
         * Creates a Return carrying results, with {@code releaseParamCaps = false} as Go servers send it.
         *
         * @param answerId the question ID answered
         * @param results the results
         * @return the message
         */
        public static Return results(int answerId, Payload results) {
            return new Return(answerId, false, ReturnKind.RESULTS, results, null);
        }

        /**
         * Creates a Return carrying an exception.
         *
         * @param answerId the question ID answered
         * @param exception the exception
         * @return the message
         */
        public static Return exception(int answerId, ExceptionInfo exception) {
            return new Return(answerId, false, ReturnKind.EXCEPTION, null, exception);
        }

        /**
         * Creates a Return saying the call was canceled.
         *
         * @param answerId the question ID answered
         * @return the message
         */
        public static Return canceled(int answerId) {
            return new Return(answerId, false, ReturnKind.CANCELED, null, null);
        }
    }

    /**
     * {@code finish} (tag 4), struct {@code Finish} ({@code 0xd37d2eb2c2f80e63}, 1 data word).
     *
     * @param questionId the question the caller is done with
     * @param releaseResultCaps whether the callee should release the result capabilities (schema default {@code
     *     true})
     */
    record Finish(int questionId, boolean releaseResultCaps) implements RpcMessage {}

    /**
     * {@code release} (tag 6), struct {@code Release} ({@code 0xad1a6c0d7dd07497}, 1 data word).
     *
     * @param id the import ID released
     * @param referenceCount how many references are dropped
     */
    record Release(int id, int referenceCount) implements RpcMessage {}

    /**
     * {@code bootstrap} (tag 8), struct {@code Bootstrap} ({@code 0xe94ccf8031176ec4}, 1 data word, 1 pointer).
     *
     * @param questionId the caller's question ID
     */
    record Bootstrap(int questionId) implements RpcMessage {}

    /**
     * Any other kind (resolve, obsoleteSave, obsoleteDelete, provide, accept, join, disembargo, unknown tags) or a
     * Call with a results destination other than the caller. Answered with {@link Unimplemented}.
     *
     * @param tag the union tag
     */
    record Unsupported(int tag) implements RpcMessage {}
}
