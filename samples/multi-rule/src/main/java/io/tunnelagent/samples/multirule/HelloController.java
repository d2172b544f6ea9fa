package io.tunnelagent.samples.multirule;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Answers the catch-all rule's requests, showing the Cf-Ray the edge added. */
@RestController
class HelloController {

    @GetMapping("/hello")
    String hello(@RequestHeader(name = "Cf-Ray", required = false) @Nullable String ray) {
        return (ray != null) ? "Hello through the tunnel! (Cf-Ray " + ray + ")\n" : "Hello, directly.\n";
    }
}
