using System.CommandLine;
using FedUnlearn.Client;
using FedUnlearn.Client.Storage;
using FedUnlearn.Rpc;

namespace FedUnlearn.Cli.Common;

/// <summary>
/// Runs a command's action with the CLI's error policy: a user-fixable problem prints one
/// <c>error: ...</c> line and exits 1; Ctrl+C exits 130; only genuine bugs show a stack trace.
/// </summary>
internal static class CommandAction
{
    public const int Failure = 1;
    public const int Interrupted = 130;

    public static void Set(Command command, CliConsole console, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Interrupted;
            }
            catch (Exception ex) when (Describe(ex) is { } message)
            {
                console.Error(message);
                return Failure;
            }
        });

    private static string? Describe(Exception exception) => exception switch
    {
        ArgumentException { ParamName: { } name } argument => argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
        CliException or ArgumentException or FederationClientException or ClientStoreException
            or IOException or UnauthorizedAccessException or InvalidDataException => exception.Message,
        RpcException rpc => rpc.StatusCode switch
        {
            StatusCode.Unavailable => $"cannot reach the server: {rpc.Status.Detail}",
            StatusCode.Unauthenticated => $"the server refused the token: {rpc.Status.Detail}",
            StatusCode.PermissionDenied => $"not allowed: {rpc.Status.Detail}",
            StatusCode.DeadlineExceeded => $"the server did not answer in time: {rpc.Status.Detail}",
            _ => $"the server answered {rpc.StatusCode}: {rpc.Status.Detail}",
        },
        _ => null,
    };
}
