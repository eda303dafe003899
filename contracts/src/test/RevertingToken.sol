// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title Test only: an ERC-20 whose transfers revert once `setBroken(true)` is called.
contract RevertingToken is ERC20 {
    bool public broken;

    error TokenBroken();

    constructor() ERC20("Reverting", "REV") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBroken(bool broken_) external {
        broken = broken_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (broken && from != address(0)) revert TokenBroken();
        super._update(from, to, value);
    }
}
