import { describe, expect, it } from 'vitest';
import { serverVersion } from './machineDetail';

describe('serverVersion', () => {
  it('reads a current Engine (27.x) with its components', () => {
    const v = serverVersion(
      {
        Version: '27.3.1', ApiVersion: '1.47', MinAPIVersion: '1.24', GoVersion: 'go1.22.7', GitCommit: '41ca978', BuildTime: '2024-09-20T11:41:11.000000000+00:00',
        Os: 'linux', Arch: 'arm64', KernelVersion: '6.8.0-45-generic',
        Components: [
          { Name: 'Engine', Version: '27.3.1' },
          { Name: 'containerd', Version: '1.7.22' },
          { Name: 'runc', Version: '1.1.14' },
          { Name: 'docker-init', Version: '0.19.0' },
        ],
      },
      { OperatingSystem: 'Ubuntu 24.04.1 LTS' },
    );
    expect(v).toEqual({
      version: '27.3.1', apiVersion: '1.47', minApiVersion: '1.24', goVersion: 'go1.22.7', gitCommit: '41ca978', built: '2024-09-20T11:41:11.000000000+00:00',
      os: 'linux', arch: 'arm64', kernel: '6.8.0-45-generic', operatingSystem: 'Ubuntu 24.04.1 LTS',
      components: [
        { name: 'Engine', version: '27.3.1' },
        { name: 'containerd', version: '1.7.22' },
        { name: 'runc', version: '1.1.14' },
        { name: 'docker-init', version: '0.19.0' },
      ],
    });
  });

  it('reads an old Engine (1.12) that predates MinAPIVersion and Components', () => {
    expect(serverVersion({ Version: '1.12.6', ApiVersion: '1.24', Os: 'linux', Arch: 'amd64' }, {})).toMatchObject({
      version: '1.12.6', apiVersion: '1.24', minApiVersion: '', components: [], operatingSystem: '', kernel: '',
    });
  });
});
