"""The consumer's side: which of *my* lines a library change breaks (impact), compiled and checked."""
