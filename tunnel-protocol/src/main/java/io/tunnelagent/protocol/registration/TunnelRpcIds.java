package io.tunnelagent.protocol.registration;

/**
 * Interface IDs and method ordinals of {@code tunnelrpc.capnp} (protocol doc section 4.4). A Call carries the ID of
 * the interface that <em>declares</em> the method: {@code registerConnection} always goes with
 * {@link #REGISTRATION_SERVER}, {@code registerUdpSession} with {@link #SESSION_MANAGER}, {@code
 * updateConfiguration} with {@link #CONFIGURATION_MANAGER}; nothing is called with the {@link #CLOUDFLARED_SERVER}
 * or {@link #TUNNEL_SERVER} IDs.
 */
public final class TunnelRpcIds {

    /** {@code RegistrationServer}: the edge's bootstrap capability on the control stream. */
    public static final long REGISTRATION_SERVER = 0xf71695ec7fe85497L;

    /** {@code RegistrationServer.registerConnection}. */
    public static final int REGISTER_CONNECTION = 0;

    /** {@code RegistrationServer.unregisterConnection}. */
    public static final int UNREGISTER_CONNECTION = 1;

    /** {@code RegistrationServer.updateLocalConfiguration}. */
    public static final int UPDATE_LOCAL_CONFIGURATION = 2;

    /** {@code SessionManager}: UDP sessions of datagram v2. */
    public static final long SESSION_MANAGER = 0x839445a59fb01686L;

    /** {@code SessionManager.registerUdpSession}. */
    public static final int REGISTER_UDP_SESSION = 0;

    /** {@code SessionManager.unregisterUdpSession}. */
    public static final int UNREGISTER_UDP_SESSION = 1;

    /** {@code ConfigurationManager}: remote configuration pushed by the edge. */
    public static final long CONFIGURATION_MANAGER = 0xb48edfbdaa25db04L;

    /** {@code ConfigurationManager.updateConfiguration}. */
    public static final int UPDATE_CONFIGURATION = 0;

    /** {@code CloudflaredServer} (extends SessionManager and ConfigurationManager; declares no methods). */
    public static final long CLOUDFLARED_SERVER = 0xf548cef9dea2a4a1L;

    /** {@code TunnelServer} (deprecated; extends RegistrationServer). */
    public static final long TUNNEL_SERVER = 0xea58385c65416035L;

    private TunnelRpcIds() {}
}
