// Replaced by the worker host.
return 0;
