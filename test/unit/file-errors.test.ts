import { describe, expect, it } from 'vitest';
import { fileErrorReason } from '../../src/errors.js';

const fsError = (code: string, message = `${code}: something, open 'x'`): NodeJS.ErrnoException =>
  Object.assign(new Error(message), { code });

describe('fileErrorReason', () => {
  it('words the codes a user can fix', () => {
    expect(fileErrorReason(fsError('ENOENT'))).toBe('no such file');
    expect(fileErrorReason(fsError('EISDIR'))).toBe('it is a folder');
    expect(fileErrorReason(fsError('EACCES'))).toBe('permission denied');
    expect(fileErrorReason(fsError('ENOSPC'), { withCode: true })).toBe('no space left on the device (ENOSPC)');
  });

  it('lets a call site say what a code means there', () => {
    expect(fileErrorReason(fsError('ENOENT'), { words: { ENOENT: 'the folder does not exist' }, withCode: true })).toBe(
      'the folder does not exist (ENOENT)',
    );
    expect(fileErrorReason(fsError('EACCES'), { words: { ENOENT: 'file not found' } })).toBe('permission denied');
  });

  it('falls back to the message, or the code when asked', () => {
    expect(fileErrorReason(fsError('ELOOP', 'too many symbolic links'))).toBe('too many symbolic links');
    expect(fileErrorReason(fsError('ELOOP', 'too many symbolic links'), { unknown: 'code' })).toBe('ELOOP');
    expect(fileErrorReason(new Error('no code at all'), { unknown: 'code' })).toBe('no code at all');
  });
});
