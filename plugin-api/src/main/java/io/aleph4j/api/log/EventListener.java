package io.aleph4j.api.log;

/** Receives processing outcomes in log order. */
@FunctionalInterface
public interface EventListener {

    /**
     * Called once per event, in order, on the subscription's own thread. Throwing stops the subscription at this
     * event: its saved position stays before it.
     *
     * @param index the event's position in the events queue
     */
    void onEvent(long index, MessageEvent event) throws Exception;
}
