package io.tunnelagent.protocol.rpc.message;

import java.util.List;

/**
 * {@code MessageTarget} ({@code 0x95bc14545813fbc1}): what a Call is addressed to. Union tag at data bits 32–48.
 */
public sealed interface MessageTarget {

    /**
     * {@code importedCap} (tag 0): a capability the receiver exported earlier.
     *
     * @param importId the export ID in the receiver's export table
     */
    record ImportedCap(int importId) implements MessageTarget {}

    /**
     * {@code promisedAnswer} (tag 1), struct {@code PromisedAnswer} ({@code 0xd800b1d6cd6f1ca0}): a capability in
     * the results of a question not necessarily answered yet (promise pipelining).
     *
     * @param questionId the question whose results hold the capability
     * @param transform the pointer field indexes to follow from the results content ({@code getPointerField} ops;
     *     {@code noop} ops are dropped)
     */
    record PromisedAnswer(int questionId, List<Integer> transform) implements MessageTarget {

        /**
         * Creates the target.
         *
         * @param questionId the question
         * @param transform the pointer field path
         */
        public PromisedAnswer {
            transform = List.copyOf(transform);
        }
    }
}
