// Placeholder until the sandbox server lands.
console.log('sandbox: not yet built');
