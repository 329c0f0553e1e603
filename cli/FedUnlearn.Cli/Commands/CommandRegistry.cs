using FedUnlearn.Cli.Common;

namespace FedUnlearn.Cli.Commands;

/// <summary>
/// The subcommands of <c>fedunlearn</c>, in help order. A new command is one class implementing
/// <see cref="ICliCommand"/> plus one line here (pretrain comes this way).
/// </summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> Create(CliConsole console) =>
    [
        new ServerCommand(console),
        new ClientCommand(console),
        new ClientsCommand(console),
        new PretrainCommand(console),
        new StatusCommand(console),
        new ForgetCommand(console),
        new AuditCommand(console),
        new SimulateCommand(console),
    ];
}
