package io.tunnelagent.samples.multirule;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the sample: a WebFlux server with an HTTP controller and a WebSocket echo, reachable through a tunnel. */
@SpringBootApplication
public class MultiRuleApplication {

    /**
     * Runs the application.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        SpringApplication.run(MultiRuleApplication.class, args);
    }
}
