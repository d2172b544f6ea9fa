package io.tunnelagent.core.connector.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** SRV through the JDK's JNDI DNS provider, addresses through {@link InetAddress}. */
final class SystemEdgeResolver implements EdgeResolver {

    @Override
    public List<SrvRecord> lookupSrv(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext context = new InitialDirContext(env);
        try {
            Attributes attributes = context.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attributes.get("SRV");
            List<SrvRecord> records = new ArrayList<>();
            if (srv == null) {
                return records;
            }
            NamingEnumeration<?> values = srv.getAll();
            while (values.hasMore()) {
                records.add(parse(String.valueOf(values.next())));
            }
            return records;
        } finally {
            context.close();
        }
    }

    @Override
    public List<InetAddress> lookupHost(String host) throws Exception {
        return List.of(InetAddress.getAllByName(host));
    }

    static SrvRecord parse(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 4) {
            throw new IllegalArgumentException("Unexpected SRV record '" + value + "'");
        }
        return new SrvRecord(
                Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), parts[3]);
    }
}
