namespace FedUnlearn.Cli.Common;

/// <summary>A problem the user can fix (bad input, unreachable server, refused token): printed as one line, no stack trace.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
