package io.tunnelagent.protocol.rpc.message;

/** The union members of {@code Return}, by tag (data bits 48–64). */
public enum ReturnKind {
    /** Tag 0: the results payload. */
    RESULTS,
    /** Tag 1: an exception. */
    EXCEPTION,
    /** Tag 2: the call was canceled after a Finish. */
    CANCELED,
    /** Tag 3: the results went elsewhere. */
    RESULTS_SENT_ELSEWHERE,
    /** Tag 4: the results are those of another question. */
    TAKE_FROM_OTHER_QUESTION,
    /** Tag 5: the results come from a third party. */
    ACCEPT_FROM_THIRD_PARTY,
    /** A tag this implementation does not know. */
    UNKNOWN;

    static ReturnKind ofTag(int tag) {
        ReturnKind[] kinds = values();
        return (tag < kinds.length - 1) ? kinds[tag] : UNKNOWN;
    }
}
