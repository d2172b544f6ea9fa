package io.tunnelagent.core.connector.edge;

/**
 * One DNS SRV record.
 *
 * @param priority the priority
 * @param weight the weight
 * @param port the port
 * @param target the target host name, without a trailing dot
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    public SrvRecord {
        target = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
    }
}
