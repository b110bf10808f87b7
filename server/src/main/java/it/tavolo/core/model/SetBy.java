package it.tavolo.core.model;

/** Who last set a scalar field and in which committed seq (-1 while not yet committed). */
public record SetBy(String author, long seq) {}
