using FedUnlearn.Cli;

// Every command is its own class in Commands/, listed in CommandRegistry.
return await CliApp.RunAsync(args);
