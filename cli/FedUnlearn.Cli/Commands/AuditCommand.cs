using System.CommandLine;
using FedUnlearn.Cli.Common;
using FedUnlearn.Server.Audit;

namespace FedUnlearn.Cli.Commands;

/// <summary><c>fedunlearn audit verify PATH --public-key PEM</c>: checks an audit log offline with the server's public key.</summary>
internal sealed class AuditCommand(CliConsole console) : ICliCommand
{
    public Command Build()
    {
        var audit = new Command("audit", "Work with the server's signed, hash-chained audit trail.");
        var path = new Argument<FileInfo>("PATH") { Description = "The audit log (audit.jsonl in the server's data directory)." };
        var key = new Option<FileInfo>("--public-key") { Description = "The server's public key PEM (audit-signing-key.pub.pem).", Required = true };
        var verify = new Command("verify", "Verify every record's hash, signature and link; name the first bad record. Exit code 0 only when all verify.");
        verify.Arguments.Add(path);
        verify.Options.Add(key);
        CommandAction.Set(verify, console, async (parse, cancellationToken) =>
        {
            var log = parse.GetValue(path)!;
            var pem = parse.GetValue(key)!;
            if (!log.Exists) throw new CliException($"Audit log '{log.FullName}' does not exist.");
            if (!pem.Exists) throw new CliException($"Public key '{pem.FullName}' does not exist.");
            var result = await AuditVerifier.VerifyAsync(log.FullName, await File.ReadAllTextAsync(pem.FullName, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            console.Out.WriteLine(result.ToString());
            return result.IsValid ? 0 : CommandAction.Failure;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }
}
