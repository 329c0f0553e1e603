Console.WriteLine("fedunlearn: not yet wired");
return 0;
