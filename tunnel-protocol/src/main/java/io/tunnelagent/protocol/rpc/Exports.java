package io.tunnelagent.protocol.rpc;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The export table: capabilities this side hosts that the peer holds references to, with reference counts. Only the
 * bootstrap capability is ever exported. Guarded by the connection's lock.
 */
final class Exports {

    private static final class Export {

        final int id;

        final Capability capability;

        int references;

        Export(int id, Capability capability) {
            this.id = id;
            this.capability = capability;
        }
    }

    private final Map<Integer, Export> exports = new HashMap<>();

    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    private int next;

    private @Nullable Export bootstrap;

    /** Exports the bootstrap capability (again), adding one reference, and returns its export ID. */
    int exportBootstrap(Capability capability) {
        Export export = this.bootstrap;
        if (export == null) {
            int id = this.free.isEmpty() ? this.next++ : this.free.pop();
            export = new Export(id, capability);
            this.exports.put(id, export);
            this.bootstrap = export;
        }
        export.references++;
        return export.id;
    }

    @Nullable
    Capability get(int id) {
        Export export = this.exports.get(id);
        return (export != null) ? export.capability : null;
    }

    /**
     * Drops references.
     *
     * @return {@code false} if the ID is unknown or holds fewer references
     */
    boolean release(int id, int count) {
        Export export = this.exports.get(id);
        if (export == null || Integer.toUnsignedLong(count) > export.references) {
            return false;
        }
        export.references -= count;
        if (export.references == 0) {
            this.exports.remove(id);
            this.free.push(id);
            if (this.bootstrap == export) {
                this.bootstrap = null;
            }
        }
        return true;
    }

    void clear() {
        this.exports.clear();
        this.bootstrap = null;
    }
}
