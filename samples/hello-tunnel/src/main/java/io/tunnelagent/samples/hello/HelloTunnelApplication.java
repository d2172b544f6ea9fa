package io.tunnelagent.samples.hello;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the sample: a WebFlux server, and a tunnel connector that makes it reachable. */
@SpringBootApplication
public class HelloTunnelApplication {

    /**
     * Runs the application.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        SpringApplication.run(HelloTunnelApplication.class, args);
    }
}
