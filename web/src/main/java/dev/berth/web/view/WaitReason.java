package dev.berth.web.view;

/**
 * One reason a queued job waits, as the queue and job pages show it: the stable code as a badge,
 * then the sentence.
 */
public record WaitReason(String code, String message) {}
